import { MessagePattern } from '@nestjs/microservices';
import {
  CreateWebhookSubscriptionDto, ListNotificationsQueryDto, PageQueryDto, RpcMeta, UpdateWebhookSubscriptionDto, WebhookSubscriptionRpc,
} from '@oms/contracts';
import { RpcArg, RpcCaller, RpcController, RpcInput } from '@oms/platform';
import { NotificationLogQuery } from '../../notifications/queries/notification-log.query';
import { WebhookSubscriptions } from '../commands/webhook-subscriptions';

@RpcController()
export class WebhookSubscriptionsRpcController {
  constructor(private readonly subscriptions: WebhookSubscriptions, private readonly log: NotificationLogQuery) {}

  @MessagePattern(WebhookSubscriptionRpc.Create)
  create(@RpcInput(CreateWebhookSubscriptionDto, 'subscription') subscription: CreateWebhookSubscriptionDto, @RpcCaller() meta: RpcMeta) {
    return this.subscriptions.create(subscription, meta);
  }

  @MessagePattern(WebhookSubscriptionRpc.List)
  list(@RpcInput(PageQueryDto, 'query') query: PageQueryDto) {
    return this.subscriptions.list(query);
  }

  @MessagePattern(WebhookSubscriptionRpc.Get)
  get(@RpcArg('id') id: string) {
    return this.subscriptions.get(id);
  }

  @MessagePattern(WebhookSubscriptionRpc.Update)
  update(@RpcArg('id') id: string, @RpcInput(UpdateWebhookSubscriptionDto, 'changes') changes: UpdateWebhookSubscriptionDto) {
    return this.subscriptions.update(id, changes);
  }

  @MessagePattern(WebhookSubscriptionRpc.Delete)
  async delete(@RpcArg('id') id: string) {
    await this.subscriptions.delete(id);
    return { deleted: true };
  }

  @MessagePattern(WebhookSubscriptionRpc.RotateSecret)
  rotate(@RpcArg('id') id: string) {
    return this.subscriptions.rotateSecret(id);
  }

  /** Its deliveries, newest first, with every attempt. */
  @MessagePattern(WebhookSubscriptionRpc.Deliveries)
  async deliveries(@RpcArg('id') id: string, @RpcInput(ListNotificationsQueryDto, 'query') query: ListNotificationsQueryDto) {
    await this.subscriptions.found(id);
    return this.log.list({ ...query, channel: 'webhook', subscriptionId: id });
  }
}
