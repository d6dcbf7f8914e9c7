import { Inject, Injectable } from '@nestjs/common';
import { NotificationServiceConfig } from '../../../config/notification-service.config';
import { guardedLookup } from '../../../webhooks/domain/destination';
import { signWebhook } from '../../../webhooks/domain/signature';
import { SubscriptionRepository, WebhookSubscription } from '../../../webhooks/persistence/subscription.repository';
import { Notification } from '../../persistence/notification.repository';
import { Channel, httpOutcome, SendResult, transportFailure } from '../channel';
import { httpPost } from '../http-post';

/** The secrets that sign now: the current one, and the previous one during its grace period. */
export const signingSecrets = (subscription: Pick<WebhookSubscription, 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>, now = new Date()): string[] =>
  subscription.previousSecret && subscription.previousSecretExpiresAt && subscription.previousSecretExpiresAt > now
    ? [subscription.previousSecret, subscription.secret]
    : [subscription.secret];

/**
 * Standard Webhooks deliveries: `webhook-id` is the event's id (the same on every retry, so receivers
 * deduplicate), `webhook-timestamp` the attempt's time, `webhook-signature` over both and the body. The
 * address connected to is checked after DNS on every attempt. 410 Gone disables the subscription; every
 * other failure is retried on the schedule.
 */
@Injectable()
export class WebhookChannel implements Channel {
  readonly name = 'webhook';

  constructor(
    @Inject(NotificationServiceConfig) private readonly config: NotificationServiceConfig,
    private readonly subscriptions: SubscriptionRepository,
  ) {}

  unavailableReason() {
    return null;
  }

  async send(notification: Notification): Promise<SendResult> {
    const subscription = notification.subscriptionId ? await this.subscriptions.find(notification.subscriptionId) : null;
    if (!subscription) return { ok: false, error: 'the subscription was deleted', responseStatus: null, permanent: true };
    const body = JSON.stringify(notification.body);
    const timestamp = Math.floor(Date.now() / 1000);
    try {
      const answer = await httpPost(subscription.url, body, {
        headers: {
          'content-type': 'application/json',
          'user-agent': 'oms-webhooks/1',
          'webhook-id': notification.eventId,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': signWebhook(signingSecrets(subscription), notification.eventId, timestamp, body),
        },
        timeoutMs: this.config.SEND_TIMEOUT_MS,
        lookup: guardedLookup(this.config.WEBHOOK_ALLOW_PRIVATE_NETWORKS),
      });
      if (answer.status === 410) return { ok: false, error: 'HTTP 410 Gone: the endpoint asked to stop', responseStatus: 410, gone: true };
      return httpOutcome(answer, true);
    } catch (error) {
      return transportFailure(error);
    }
  }
}
