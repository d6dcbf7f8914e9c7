import { Inject, Injectable } from '@nestjs/common';
import { NotificationServiceConfig } from '../../../config/notification-service.config';
import { Notification } from '../../persistence/notification.repository';
import { Channel, httpOutcome, SendResult, transportFailure } from '../channel';
import { httpPost } from '../http-post';

/** Staff alerts to a Slack incoming webhook: the Block Kit message stored with the notification. */
@Injectable()
export class SlackChannel implements Channel {
  readonly name = 'slack';

  constructor(@Inject(NotificationServiceConfig) private readonly config: NotificationServiceConfig) {}

  unavailableReason() {
    return this.config.SLACK_WEBHOOK_URL ? null : 'SLACK_WEBHOOK_URL is not set: the alert is stored here and not sent';
  }

  async send(notification: Notification): Promise<SendResult> {
    try {
      const answer = await httpPost(this.config.SLACK_WEBHOOK_URL!, JSON.stringify(notification.body), {
        headers: { 'content-type': 'application/json' }, timeoutMs: this.config.SEND_TIMEOUT_MS,
      });
      return httpOutcome(answer);
    } catch (error) {
      return transportFailure(error);
    }
  }
}
