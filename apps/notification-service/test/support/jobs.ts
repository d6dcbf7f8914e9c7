import { randomUUID } from 'node:crypto';
import { NotificationChannel } from '@oms/contracts';
import type { OutboxRelay } from '@oms/messaging';
import { NewNotification } from '../../src/notifications/persistence/notification.repository';

/** The outbox relay's side of commitThenRelay, for transactions whose events may stay in the table. */
export const noRelay: Pick<OutboxRelay, 'hold' | 'committed' | 'release'> = { hold: () => undefined, committed: () => undefined, release: () => undefined };

/** A customer's order confirmation on `channel`, due now, as the planner would store it. */
export function newJob(channel: NotificationChannel, overrides: Partial<NewNotification> = {}): NewNotification {
  const id = randomUUID();
  return {
    id, dedupKey: `test:${id}`, eventId: randomUUID(), eventType: 'inventory.reserved', orderId: randomUUID(), channel, recipient: 'ada@example.com',
    template: 'order-confirmed', audience: 'customer', locale: 'en', subscriptionId: null, resendOf: null, status: 'pending', statusReason: null,
    subject: 'Your order', html: '<p>Thanks</p>', text: 'Thanks', body: null, nextAttemptAt: new Date(), eventOccurredAt: new Date(), ...overrides,
  };
}
