import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  EventEnvelope, EventTypes, OrderCanceledPayload, OrderPlacedPayload, OrderRefundedPayload, ShipmentCanceledPayload, ShipmentCreatedPayload,
} from '@oms/contracts';
import { EventHandler } from '@oms/messaging';
import { ReleaseForOrderCommand } from '../commands/release-for-order.command';
import { ReserveForOrderCommand } from '../commands/reserve-for-order.command';
import { RestockForRefundCommand } from '../commands/restock-for-refund.command';
import { ReverseSaleCommand } from '../commands/reverse-sale.command';
import { SellForShipmentCommand } from '../commands/sell-for-shipment.command';

@Injectable()
export class OrderPlacedHandler implements EventHandler<OrderPlacedPayload> {
  readonly type = EventTypes.OrderPlaced;
  readonly payloadType = OrderPlacedPayload;

  constructor(private readonly reserve: ReserveForOrderCommand) {}

  handle(event: EventEnvelope<OrderPlacedPayload>, manager: EntityManager) {
    return this.reserve.execute(manager, event.payload);
  }

  giveUp(event: EventEnvelope<OrderPlacedPayload>, manager: EntityManager, reason: string) {
    return this.reserve.refuse(manager, event.payload, reason);
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

@Injectable()
export class ShipmentCreatedHandler implements EventHandler<ShipmentCreatedPayload> {
  readonly type = EventTypes.ShipmentCreated;
  readonly payloadType = ShipmentCreatedPayload;

  constructor(private readonly sell: SellForShipmentCommand) {}

  handle(event: EventEnvelope<ShipmentCreatedPayload>, manager: EntityManager) {
    return this.sell.execute(manager, event.payload);
  }
}

@Injectable()
export class OrderRefundedHandler implements EventHandler<OrderRefundedPayload> {
  readonly type = EventTypes.OrderRefunded;
  readonly payloadType = OrderRefundedPayload;

  constructor(private readonly restock: RestockForRefundCommand) {}

  handle(event: EventEnvelope<OrderRefundedPayload>, manager: EntityManager) {
    return this.restock.execute(manager, event.payload);
  }
}

@Injectable()
export class ShipmentCanceledHandler implements EventHandler<ShipmentCanceledPayload> {
  readonly type = EventTypes.ShipmentCanceled;
  readonly payloadType = ShipmentCanceledPayload;

  constructor(private readonly reverse: ReverseSaleCommand) {}

  handle(event: EventEnvelope<ShipmentCanceledPayload>, manager: EntityManager) {
    return this.reverse.execute(manager, event.payload);
  }
}

/** Every event the inventory service subscribes to. */
export const inventoryEventHandlers = [OrderPlacedHandler, OrderCanceledHandler, ShipmentCreatedHandler, ShipmentCanceledHandler, OrderRefundedHandler];
