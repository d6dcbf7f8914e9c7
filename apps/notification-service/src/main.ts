import 'reflect-metadata';
import { RpcQueues } from '@oms/contracts';
import { runService } from '@oms/runtime';
import { NotificationServiceConfig } from './config/notification-service.config';
import { notificationMigrations } from './notifications/persistence/migrations';
import { NotificationsModule } from './notifications/notifications.module';

export const notificationService = { config: NotificationServiceConfig, migrations: notificationMigrations, features: [NotificationsModule], rpcQueue: RpcQueues.notification };

if (require.main === module) runService(notificationService);
