import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { WEBHOOK_EVENT_TYPES } from '@oms/contracts';
import { enqueueEvents } from '@oms/messaging';
import { NotificationServiceConfig } from '../config/notification-service.config';
import { OrderReplica } from '../orders/order-replica';
import { SubscriptionRepository } from '../webhooks/persistence/subscription.repository';
import { planMessages, PlanSettings } from './domain/notification-plan';
import { outcomeEvent } from './domain/outcome-event';
import { MessageCause, NotificationComposer } from './notification-composer';
import { NotificationRepository } from './persistence/notification.repository';

/**
 * Records what an event is to send, in the event's inbox transaction: the jobs commit with the inbox row
 * or not at all, and their dedup keys make a redelivered event add nothing. Sending happens later, in
 * the senders.
 */
@Injectable()
export class NotificationPlanner {
  private readonly settings: PlanSettings;

  constructor(
    @Inject(NotificationServiceConfig) config: NotificationServiceConfig,
    private readonly composer: NotificationComposer,
    private readonly notifications: NotificationRepository,
    private readonly subscriptions: SubscriptionRepository,
  ) {
    this.settings = { staffEmails: config.staffEmails(), staffAlerts: config.staffAlerts() };
  }

  async plan(manager: EntityManager, cause: MessageCause, order: OrderReplica | null): Promise<void> {
    const subscribers = WEBHOOK_EVENT_TYPES.includes(cause.type) ? await this.subscriptions.receiving(manager) : [];
    const planned = planMessages({ type: cause.type, payload: cause.payload, order, subscribers, settings: this.settings });
    const composed = planned.map((message) => this.composer.compose(message, cause, order));
    const added = new Set(await this.notifications.add(manager, composed));
    // a customer's message that could not even be rendered goes on the order's timeline now, like a failed send
    const failed = composed.filter((n) => added.has(n.id)).flatMap((n) => (n.status === 'failed' ? outcomeEvent(n, n.status, n.statusReason) ?? [] : []));
    await enqueueEvents(manager, failed);
  }

  /** Staff alerts the service raises itself (a webhook subscription disabled, unroutable events). */
  async alertStaff(manager: EntityManager, cause: MessageCause, template: 'staff-webhook-disabled' | 'staff-unroutable', facts: Record<string, unknown>): Promise<void> {
    const planned = planMessages({ type: cause.type, payload: cause.payload, order: null, subscribers: [], settings: this.settings, staffTemplate: template });
    await this.notifications.add(manager, planned.map((message) => this.composer.compose(message, cause, null, facts)));
  }
}
