import { Module } from '@nestjs/common';
import { NotificationServiceConfig } from '../config/notification-service.config';
import { OrderReplicaRepository } from '../orders/order-replica.repository';
import { WebhookSubscriptions } from '../webhooks/commands/webhook-subscriptions';
import { SubscriptionRepository } from '../webhooks/persistence/subscription.repository';
import { WebhookSubscriptionsRpcController } from '../webhooks/rpc/webhook-subscriptions.rpc-controller';
import { UnroutableWatch } from './alerts/unroutable-watch';
import { ResendNotificationCommand } from './commands/resend-notification.command';
import { Channels } from './delivery/channels';
import { EmailChannel } from './delivery/channels/email.channel';
import { SlackChannel } from './delivery/channels/slack.channel';
import { SmsChannel } from './delivery/channels/sms.channel';
import { WebhookChannel } from './delivery/channels/webhook.channel';
import { DeliveryQueue } from './delivery/delivery-queue';
import { NotificationSender } from './delivery/notification-sender';
import { NotificationEvents } from './events/notification.events';
import { NotificationComposer } from './notification-composer';
import { NotificationPlanner } from './notification-planner';
import { NotificationRepository } from './persistence/notification.repository';
import { NotificationLogQuery } from './queries/notification-log.query';
import { TemplatesQuery } from './queries/templates.query';
import { TemplateRenderer } from './rendering/template-renderer';
import { NotificationsRpcController } from './rpc/notifications.rpc-controller';

/** Planning, rendering, sending and the delivery log of every notification, and the webhook subscriptions they go to. */
@Module({
  controllers: [NotificationsRpcController, WebhookSubscriptionsRpcController],
  providers: [
    {
      provide: TemplateRenderer,
      inject: [NotificationServiceConfig],
      useFactory: (config: NotificationServiceConfig) => new TemplateRenderer(config.NOTIFICATION_TEMPLATES_DIR, config.NOTIFICATION_DEFAULT_LOCALE),
    },
    OrderReplicaRepository,
    NotificationRepository,
    SubscriptionRepository,
    EmailChannel,
    SmsChannel,
    SlackChannel,
    WebhookChannel,
    Channels,
    NotificationComposer,
    NotificationPlanner,
    NotificationEvents,
    DeliveryQueue,
    NotificationSender,
    NotificationLogQuery,
    ResendNotificationCommand,
    TemplatesQuery,
    WebhookSubscriptions,
    UnroutableWatch,
  ],
})
export class NotificationsModule {}
