import 'reflect-metadata';
import { CreateMessagingTables1732200000000 } from '@oms/messaging';
import { runService } from '@oms/runtime';
import { NotificationServiceConfig } from './config/notification-service.config';

/** Runs with its database, outbox and ops endpoints; its capabilities arrive with their issues. */
export const notificationService = { config: NotificationServiceConfig, migrations: [CreateMessagingTables1732200000000], features: [] };

if (require.main === module) runService(notificationService);
