import { ServiceConfig } from '@oms/platform';

export class NotificationServiceConfig extends ServiceConfig {
  override PORT = 3004;
  protected get databaseSuffix() {
    return 'notification';
  }
  override SERVICE_NAME = 'notification-service';
}
