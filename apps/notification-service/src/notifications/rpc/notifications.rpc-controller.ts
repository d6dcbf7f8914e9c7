import { MessagePattern } from '@nestjs/microservices';
import { ListNotificationsQueryDto, NotificationRpc, PreviewTemplateDto } from '@oms/contracts';
import { RpcArg, RpcController, RpcInput } from '@oms/platform';
import { ResendNotificationCommand } from '../commands/resend-notification.command';
import { NotificationLogQuery } from '../queries/notification-log.query';
import { TemplatesQuery } from '../queries/templates.query';

@RpcController()
export class NotificationsRpcController {
  constructor(
    private readonly log: NotificationLogQuery,
    private readonly resend: ResendNotificationCommand,
    private readonly templates: TemplatesQuery,
  ) {}

  @MessagePattern(NotificationRpc.List)
  list(@RpcInput(ListNotificationsQueryDto, 'query') query: ListNotificationsQueryDto) {
    return this.log.list(query);
  }

  @MessagePattern(NotificationRpc.Get)
  get(@RpcArg('id') id: string) {
    return this.log.get(id);
  }

  @MessagePattern(NotificationRpc.Resend)
  resendOne(@RpcArg('id') id: string) {
    return this.resend.execute(id);
  }

  @MessagePattern(NotificationRpc.ListTemplates)
  listTemplates() {
    return this.templates.list();
  }

  @MessagePattern(NotificationRpc.PreviewTemplate)
  preview(@RpcArg('name') name: string, @RpcInput(PreviewTemplateDto, 'request') request: PreviewTemplateDto) {
    return this.templates.preview(name, request);
  }
}
