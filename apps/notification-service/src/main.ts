import 'reflect-metadata';
import { RpcQueues } from '@oms/contracts';
import { runService, ServiceDefinition } from '@oms/runtime';
import { NotificationServiceConfig } from './config/notification-service.config';
import { notificationMigrations } from './notifications/persistence/migrations';
import { notificationRetention } from './notifications/persistence/notification-retention';
import { NotificationsModule } from './notifications/notifications.module';

export const notificationService: ServiceDefinition<NotificationServiceConfig> = {
  config: NotificationServiceConfig, migrations: notificationMigrations, features: [NotificationsModule], rpcQueue: RpcQueues.notification,
  retention: notificationRetention,
};

if (require.main === module) runService(notificationService);
