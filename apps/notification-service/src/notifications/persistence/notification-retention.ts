import { RetentionRule } from '@oms/messaging';
import { NotificationServiceConfig } from '../../config/notification-service.config';

/**
 * The delivery log does not grow for ever: notifications (with their rendered content and attempts)
 * older than NOTIFICATION_RETENTION_DAYS go with housekeeping, in batches, one instance at a time.
 */
export const notificationRetention = (config: NotificationServiceConfig): RetentionRule[] => [
  { table: 'notification', column: 'created_at', hours: config.NOTIFICATION_RETENTION_DAYS * 24 },
];
