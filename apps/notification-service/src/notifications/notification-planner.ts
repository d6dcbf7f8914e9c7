import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, WEBHOOK_EVENT_TYPES } from '@oms/contracts';
import { enqueueEvents, inEventContext, NewEvent } from '@oms/messaging';
import { NotificationServiceConfig } from '../config/notification-service.config';
import { OrderReplica } from '../orders/order-replica';
import { SubscriptionRepository } from '../webhooks/persistence/subscription.repository';
import { DeliveryQueue } from './delivery/delivery-queue';
import { planMessages, PlanSettings } from './domain/notification-plan';
import { outcomeEvent } from './domain/outcome-event';
import { MessageCause, NotificationComposer } from './notification-composer';
import { NotificationRepository } from './persistence/notification.repository';

/**
 * Records what an event is to send, in the event's inbox transaction: the jobs commit with the inbox row
 * or not at all, and their dedup keys make a redelivered event add nothing. Sending happens later, in
 * the senders (this process's takes them from the DeliveryQueue once they committed).
 */
@Injectable()
export class NotificationPlanner {
  private readonly settings: PlanSettings;

  constructor(
    @Inject(NotificationServiceConfig) config: NotificationServiceConfig,
    private readonly composer: NotificationComposer,
    private readonly notifications: NotificationRepository,
    private readonly queue: DeliveryQueue,
    private readonly subscriptions: SubscriptionRepository,
  ) {
    this.settings = { staffEmails: config.staffEmails(), staffAlerts: config.staffAlerts() };
  }

  async plan(manager: EntityManager, cause: MessageCause, order: OrderReplica | null): Promise<void> {
    await enqueueEvents(manager, (await this.add(manager, [{ cause, order }])).flat());
  }

  /** Plans for many events at once (one insert for all their messages); each one's timeline events carry its own correlation. */
  async planAll(manager: EntityManager, plans: { cause: EventEnvelope<object>; order: OrderReplica | null }[]): Promise<void> {
    const failed = await this.add(manager, plans);
    for (const [index, { cause }] of plans.entries()) {
      if (failed[index].length) await inEventContext(cause, () => enqueueEvents(manager, failed[index]));
    }
  }

  /**
   * Stores the messages of each plan; answers, per plan, the timeline events of its customer messages
   * that could not even be rendered (they go on the order's timeline now, like a failed send).
   */
  private async add(manager: EntityManager, plans: { cause: MessageCause; order: OrderReplica | null }[]): Promise<NewEvent[][]> {
    const toSubscribers = plans.map(({ cause }) => WEBHOOK_EVENT_TYPES.includes(cause.type));
    const subscribers = toSubscribers.includes(true) ? await this.subscriptions.receiving(manager) : [];
    const composed = plans.map(({ cause, order }, index) =>
      planMessages({ type: cause.type, payload: cause.payload, order, subscribers: toSubscribers[index] ? subscribers : [], settings: this.settings })
        .map((message) => this.composer.compose(message, cause, order)));
    const added = new Set((await this.queue.add(manager, composed.flat())).map((n) => n.id));
    return composed.map((notifications) =>
      notifications.filter((n) => added.has(n.id)).flatMap((n) => (n.status === 'failed' ? outcomeEvent(n, n.status, n.statusReason) ?? [] : [])));
  }

  /** Staff alerts the service raises itself (a webhook subscription disabled, unroutable events). */
  async alertStaff(manager: EntityManager, cause: MessageCause, template: 'staff-webhook-disabled' | 'staff-unroutable', facts: Record<string, unknown>): Promise<void> {
    const planned = planMessages({ type: cause.type, payload: cause.payload, order: null, subscribers: [], settings: this.settings, staffTemplate: template });
    await this.notifications.add(manager, planned.map((message) => this.composer.compose(message, cause, null, facts)));
  }
}
