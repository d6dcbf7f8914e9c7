import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventTypes, NotificationOutcomePayload } from '@oms/contracts';
import { OnEvent } from '@oms/messaging';
import { OrderAggregate } from '../domain/order-aggregate';
import { OrderRepository } from '../persistence/order.repository';

/** What the notification service told the customer: staff see it on the order's timeline. */
@Injectable()
export class NotificationOutcomes {
  constructor(private readonly orders: OrderRepository, private readonly aggregate: OrderAggregate) {}

  @OnEvent(EventTypes.NotificationSent, NotificationOutcomePayload)
  sent(payload: NotificationOutcomePayload, manager: EntityManager) {
    return this.record(payload, manager);
  }

  @OnEvent(EventTypes.NotificationFailed, NotificationOutcomePayload)
  failed(payload: NotificationOutcomePayload, manager: EntityManager) {
    return this.record(payload, manager);
  }

  private async record(payload: NotificationOutcomePayload, manager: EntityManager) {
    // no lock: the entry changes nothing of the order, so it never waits behind the order's own changes
    await this.orders.save(manager, payload.orderId, this.aggregate.recordNotification(payload));
  }
}
