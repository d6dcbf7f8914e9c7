import { EventTypes, NotificationChannel, NotificationOutcomePayload, UNVERSIONED } from '@oms/contracts';
import type { NewEvent } from '@oms/messaging';
import { TemplateInfo, TEMPLATES } from './templates';

export interface CustomerMessage {
  id: string;
  orderId: string | null;
  audience: string;
  channel: NotificationChannel;
  template: string;
  recipient: string;
}

/** How the order's timeline reads a customer message: "Shipping confirmation emailed to ada@example.com". */
export function describeMessage(message: Pick<CustomerMessage, 'template' | 'channel' | 'recipient'>): string {
  const title = (TEMPLATES as Record<string, TemplateInfo>)[message.template]?.title ?? message.template;
  return `${title} ${message.channel === 'sms' ? 'texted' : 'emailed'} to ${message.recipient}`;
}

/**
 * `notification.sent` or `notification.failed` for a customer's message that went out or gave up for
 * good (the order service puts it on the order's timeline); nothing for staff alerts, webhooks, or a
 * message still waiting.
 */
export function outcomeEvent(message: CustomerMessage, status: string, reason: string | null): NewEvent<NotificationOutcomePayload> | null {
  if ((status !== 'sent' && status !== 'failed') || message.audience !== 'customer' || !message.orderId) return null;
  const payload: NotificationOutcomePayload = {
    notificationId: message.id, orderId: message.orderId, channel: message.channel, template: message.template, recipient: message.recipient,
    description: describeMessage(message), error: status === 'sent' ? null : reason,
  };
  return { type: status === 'sent' ? EventTypes.NotificationSent : EventTypes.NotificationFailed, aggregateId: message.orderId, aggregateVersion: UNVERSIONED, payload };
}
