import { Inject, Injectable } from '@nestjs/common';
import { NotificationServiceConfig } from '../../../config/notification-service.config';
import { Notification } from '../../persistence/notification.repository';
import { Channel, httpOutcome, SendResult, transportFailure } from '../channel';
import { httpPost } from '../http-post';

/** Text messages through a Twilio-compatible API: `POST {SMS_API_URL}/2010-04-01/Accounts/{sid}/Messages.json`. */
@Injectable()
export class SmsChannel implements Channel {
  readonly name = 'sms';

  constructor(@Inject(NotificationServiceConfig) private readonly config: NotificationServiceConfig) {}

  unavailableReason() {
    const { SMS_API_URL, SMS_ACCOUNT_SID, SMS_AUTH_TOKEN, SMS_FROM } = this.config;
    return SMS_API_URL && SMS_ACCOUNT_SID && SMS_AUTH_TOKEN && SMS_FROM ? null : 'SMS_API_URL, SMS_ACCOUNT_SID, SMS_AUTH_TOKEN and SMS_FROM are not all set: the text is stored here and not sent';
  }

  async send(notification: Notification): Promise<SendResult> {
    const { SMS_API_URL, SMS_ACCOUNT_SID, SMS_AUTH_TOKEN, SMS_FROM } = this.config;
    const url = `${SMS_API_URL!.replace(/\/+$/, '')}/2010-04-01/Accounts/${encodeURIComponent(SMS_ACCOUNT_SID!)}/Messages.json`;
    const form = new URLSearchParams({ To: notification.recipient, From: SMS_FROM!, Body: notification.text ?? '' }).toString();
    try {
      const answer = await httpPost(url, form, {
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          authorization: `Basic ${Buffer.from(`${SMS_ACCOUNT_SID}:${SMS_AUTH_TOKEN}`).toString('base64')}`,
        },
        timeoutMs: this.config.SEND_TIMEOUT_MS,
      });
      return httpOutcome(answer);
    } catch (error) {
      return transportFailure(error);
    }
  }
}
