import { ServiceConfig } from '@oms/platform';

export class NotificationServiceConfig extends ServiceConfig {
  override PORT = 3004;
  override DATABASE_NAME = 'oms_notification';
  override SERVICE_NAME = 'notification-service';
}
