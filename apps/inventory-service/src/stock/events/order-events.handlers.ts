import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventEnvelope, EventTypes, OrderCanceledPayload, OrderPlacedPayload } from '@oms/contracts';
import { EventHandler } from '@oms/messaging';
import { ReleaseForOrderCommand } from '../commands/release-for-order.command';
import { ReserveForOrderCommand } from '../commands/reserve-for-order.command';

@Injectable()
export class OrderPlacedHandler implements EventHandler<OrderPlacedPayload> {
  readonly type = EventTypes.OrderPlaced;
  readonly payloadType = OrderPlacedPayload;

  constructor(private readonly reserve: ReserveForOrderCommand) {}

  handle(event: EventEnvelope<OrderPlacedPayload>, manager: EntityManager) {
    return this.reserve.execute(manager, event.payload);
  }
}

@Injectable()
export class OrderCanceledHandler implements EventHandler<OrderCanceledPayload> {
  readonly type = EventTypes.OrderCanceled;
  readonly payloadType = OrderCanceledPayload;

  constructor(private readonly release: ReleaseForOrderCommand) {}

  handle(event: EventEnvelope<OrderCanceledPayload>, manager: EntityManager) {
    return this.release.execute(manager, event.payload);
  }
}
