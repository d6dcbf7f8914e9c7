import { Controller, Delete, Get, HttpCode, Inject, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiHeader, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  CreateWebhookSubscriptionDto, ListNotificationsQueryDto, NOTIFICATION_STATUSES, NotificationView, Page, PageQueryDto, RpcMeta, UpdateWebhookSubscriptionDto,
  UUID_PATTERN, WebhookSubscriptionRpc, WebhookSubscriptionView, WebhookSubscriptionWithSecretView,
} from '@oms/contracts';
import { RpcClient } from '@oms/messaging';
import { schemaRef } from '../http/openapi';
import { ForwardedBody, PathParam } from '../http/params';
import { Meta } from '../http/request-meta';
import { page, Returns, view } from '../http/responses';
import { NOTIFICATION_SERVICE } from '../rpc/service-clients';

const subscriptionId = new PathParam('id', UUID_PATTERN);

@ApiTags('webhook subscriptions')
@ApiBearerAuth()
@Controller('api/webhook-subscriptions')
export class WebhookSubscriptionsController {
  constructor(@Inject(NOTIFICATION_SERVICE) private readonly notifications: RpcClient) {}

  @Post()
  @HttpCode(201)
  @ApiOperation({ summary: 'Subscribe a URL to events (routing keys or patterns like order.*); the signing secret is shown this once' })
  @ApiBody(schemaRef(CreateWebhookSubscriptionDto.name))
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @Returns(201, view('WebhookSubscriptionWithSecretView'), 'The subscription with its secret')
  create(@ForwardedBody() subscription: unknown, @Meta() meta: RpcMeta): Promise<WebhookSubscriptionWithSecretView> {
    return this.notifications.send(WebhookSubscriptionRpc.Create, { subscription }, meta);
  }

  @Get()
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'cursor', required: false, type: String })
  @Returns(200, page('WebhookSubscriptionView'), 'A page of subscriptions')
  list(@Query() query: PageQueryDto, @Meta() meta: RpcMeta): Promise<Page<WebhookSubscriptionView>> {
    return this.notifications.send(WebhookSubscriptionRpc.List, { query }, meta);
  }

  @Get(':id')
  @Returns(200, view('WebhookSubscriptionView'), 'The subscription', [404])
  get(@Param('id', subscriptionId) id: string, @Meta() meta: RpcMeta): Promise<WebhookSubscriptionView> {
    return this.notifications.send(WebhookSubscriptionRpc.Get, { id }, meta);
  }

  @Patch(':id')
  @ApiOperation({ summary: 'Change its events, URL or description; enable it (deliveries held while disabled resume) or disable it' })
  @ApiBody(schemaRef(UpdateWebhookSubscriptionDto.name))
  @Returns(200, view('WebhookSubscriptionView'), 'The subscription after the change', [404])
  update(@Param('id', subscriptionId) id: string, @ForwardedBody() changes: unknown, @Meta() meta: RpcMeta): Promise<WebhookSubscriptionView> {
    return this.notifications.send(WebhookSubscriptionRpc.Update, { id, changes }, meta);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete it; deliveries still pending are suppressed, the log stays' })
  @Returns(204, {}, 'Deleted', [404])
  async delete(@Param('id', subscriptionId) id: string, @Meta() meta: RpcMeta): Promise<void> {
    await this.notifications.send(WebhookSubscriptionRpc.Delete, { id }, meta);
  }

  @Post(':id/rotate-secret')
  @HttpCode(200)
  @ApiOperation({ summary: 'A new signing secret, shown once; the previous one keeps signing beside it for WEBHOOK_SECRET_GRACE_HOURS' })
  @Returns(200, view('WebhookSubscriptionWithSecretView'), 'The subscription with its new secret', [404])
  rotate(@Param('id', subscriptionId) id: string, @Meta() meta: RpcMeta): Promise<WebhookSubscriptionWithSecretView> {
    return this.notifications.send(WebhookSubscriptionRpc.RotateSecret, { id }, meta);
  }

  @Get(':id/deliveries')
  @ApiOperation({ summary: 'Its deliveries, newest first, with every attempt (time, outcome, HTTP status, error)' })
  @ApiQuery({ name: 'status', required: false, enum: NOTIFICATION_STATUSES })
  @ApiQuery({ name: 'event', required: false, type: String })
  @ApiQuery({ name: 'limit', required: false, type: Number })
  @ApiQuery({ name: 'cursor', required: false, type: String })
  @Returns(200, page('NotificationView'), 'A page of deliveries', [404])
  deliveries(@Param('id', subscriptionId) id: string, @Query() query: ListNotificationsQueryDto, @Meta() meta: RpcMeta): Promise<Page<NotificationView>> {
    return this.notifications.send(WebhookSubscriptionRpc.Deliveries, { id, query }, meta);
  }
}
