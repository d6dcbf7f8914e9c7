import { Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  ListNotificationsQueryDto, NOTIFICATION_CHANNELS, NOTIFICATION_STATUSES, NotificationDetailView, NotificationRpc, NotificationTemplateView, NotificationView, Page,
  PreviewTemplateDto, RenderedTemplateView, RpcMeta, UUID_PATTERN,
} from '@oms/contracts';
import { RpcClient } from '@oms/messaging';
import { schemaRef } from '../http/openapi';
import { ForwardedBody, PathParam } from '../http/params';
import { Meta } from '../http/request-meta';
import { items, page, Returns, view } from '../http/responses';
import { NOTIFICATION_SERVICE } from '../rpc/service-clients';

const notificationId = new PathParam('id', UUID_PATTERN);
const templateName = new PathParam('name', /^[a-z][a-z0-9-]{0,60}$/);

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('api')
export class NotificationsController {
  constructor(@Inject(NOTIFICATION_SERVICE) private readonly notifications: RpcClient) {}

  @Get('notifications')
  @ApiOperation({ summary: 'The delivery log: every email, text, Slack alert and webhook delivery with its attempts, newest first' })
  @ApiQuery({ name: 'orderId', required: false, type: String })
  @ApiQuery({ name: 'channel', required: false, enum: NOTIFICATION_CHANNELS })
  @ApiQuery({ name: 'status', required: false, enum: NOTIFICATION_STATUSES })
  @ApiQuery({ name: 'event', required: false, type: String, description: 'Routing key of the causing event, e.g. shipment.created' })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'cursor', required: false, type: String })
  @Returns(200, page('NotificationView'), 'A page of notifications')
  list(@Query() query: ListNotificationsQueryDto, @Meta() meta: RpcMeta): Promise<Page<NotificationView>> {
    return this.notifications.send(NotificationRpc.List, { query }, meta);
  }

  @Get('notifications/:id')
  @ApiOperation({ summary: 'One notification with what it says: subject, HTML and text of an email, a text message, a webhook’s body' })
  @Returns(200, view('NotificationDetailView'), 'The notification', [404])
  get(@Param('id', notificationId) id: string, @Meta() meta: RpcMeta): Promise<NotificationDetailView> {
    return this.notifications.send(NotificationRpc.Get, { id }, meta);
  }

  @Post('notifications/:id/resend')
  @HttpCode(201)
  @ApiOperation({ summary: 'Send it again on purpose: a new notification with the same content, linked to the first' })
  @Returns(201, view('NotificationDetailView'), 'The new notification', [404, 409])
  resend(@Param('id', notificationId) id: string, @Meta() meta: RpcMeta): Promise<NotificationDetailView> {
    return this.notifications.send(NotificationRpc.Resend, { id }, meta);
  }

  @Get('notification-templates')
  @ApiOperation({ summary: 'The templates, their channels and the locales they have files for' })
  @Returns(200, items('NotificationTemplateView'), 'The templates')
  async templates(@Meta() meta: RpcMeta): Promise<{ items: NotificationTemplateView[] }> {
    return { items: await this.notifications.send(NotificationRpc.ListTemplates, {}, meta) };
  }

  @Post('notification-templates/:name/preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'Render a template against a real order without sending anything (the event’s own facts are stand-ins from the order)' })
  @ApiBody(schemaRef(PreviewTemplateDto.name))
  @Returns(200, view('RenderedTemplateView'), 'The rendered subject, HTML and text', [404, 422])
  preview(@Param('name', templateName) name: string, @ForwardedBody() request: unknown, @Meta() meta: RpcMeta): Promise<RenderedTemplateView> {
    return this.notifications.send(NotificationRpc.PreviewTemplate, { name, request }, meta);
  }
}
