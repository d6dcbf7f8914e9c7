import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, EventTypes, NotificationOutcomePayload } from '@oms/contracts';
import { OnEvents } from '@oms/messaging';
import { OrderAggregate } from '../domain/order-aggregate';
import { OrderRepository } from '../persistence/order.repository';

const byOrder = (payload: NotificationOutcomePayload) => payload.orderId;

/** What the notification service told the customer: staff see it on the order's timeline (many orders' in one statement). */
@Injectable()
export class NotificationOutcomes {
  constructor(private readonly orders: OrderRepository, private readonly aggregate: OrderAggregate) {}

  @OnEvents(EventTypes.NotificationSent, NotificationOutcomePayload, byOrder)
  sent(events: EventEnvelope<NotificationOutcomePayload>[], manager: EntityManager) {
    return this.record(events, manager);
  }

  @OnEvents(EventTypes.NotificationFailed, NotificationOutcomePayload, byOrder)
  failed(events: EventEnvelope<NotificationOutcomePayload>[], manager: EntityManager) {
    return this.record(events, manager);
  }

  private async record(events: EventEnvelope<NotificationOutcomePayload>[], manager: EntityManager) {
    // no lock: the entry changes nothing of the order, so it never waits behind the order's own changes
    await this.orders.addHistories(manager, events.map(({ payload }) => ({ orderId: payload.orderId, entry: this.aggregate.recordNotification(payload) })));
  }
}
