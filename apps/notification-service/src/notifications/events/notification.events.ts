import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  EventEnvelope, EventTypes, InventoryLowStockPayload, InventoryReservationFailedPayload, InventoryReservedPayload, MessageDeadLetteredPayload,
  OrderCanceledPayload, OrderCustomerNotifiedPayload, OrderPaymentRecordedPayload, OrderPlacedPayload, OrderRefundedPayload,
  OrderStatusChangedPayload, ShipmentCanceledPayload, ShipmentCreatedPayload, ShipmentStatusChangedPayload,
} from '@oms/contracts';
import { OnEvent } from '@oms/messaging';
import { OrderReplica } from '../../orders/order-replica';
import { OrderReplicaRepository } from '../../orders/order-replica.repository';
import { NotificationPlanner } from '../notification-planner';

const replicaOf = (p: OrderPlacedPayload): OrderReplica => ({
  orderId: p.orderId, orderNumber: p.orderNumber, customerEmail: p.customerEmail, customerName: p.customerFullName,
  customerPhone: p.customerPhone ?? null, smsOptIn: p.smsOptIn ?? false, locale: p.locale ?? null, currency: p.currency,
  lines: p.lines, totals: p.totals ?? null, grandTotal: p.grandTotal, shippingAddress: p.shippingAddress, billingAddress: p.billingAddress ?? null,
});

type OrderEvent = { orderId: string };

/**
 * Every event someone should hear of: the order's replica is kept from `order.placed`, and each event's
 * messages are planned in its inbox transaction (see NotificationPlanner). An event about an order this
 * service has not heard of yet (its `order.placed` is still on the way) fails and is retried.
 */
@Injectable()
export class NotificationEvents {
  constructor(private readonly replicas: OrderReplicaRepository, private readonly planner: NotificationPlanner) {}

  @OnEvent(EventTypes.OrderPlaced, OrderPlacedPayload)
  async orderPlaced(payload: OrderPlacedPayload, manager: EntityManager, event: EventEnvelope<OrderPlacedPayload>) {
    const order = replicaOf(payload);
    await this.replicas.record(manager, order);
    await this.planner.plan(manager, event, order);
  }

  @OnEvent(EventTypes.InventoryReserved, InventoryReservedPayload)
  reserved(_: InventoryReservedPayload, manager: EntityManager, event: EventEnvelope<InventoryReservedPayload>) {
    return this.aboutOrder(manager, event);
  }

  @OnEvent(EventTypes.InventoryReservationFailed, InventoryReservationFailedPayload)
  reservationFailed(_: InventoryReservationFailedPayload, manager: EntityManager, event: EventEnvelope<InventoryReservationFailedPayload>) {
    return this.aboutOrder(manager, event);
  }

  @OnEvent(EventTypes.OrderStatusChanged, OrderStatusChangedPayload)
  statusChanged(_: OrderStatusChangedPayload, manager: EntityManager, event: EventEnvelope<OrderStatusChangedPayload>) {
    return this.aboutOrder(manager, event);
  }

  @OnEvent(EventTypes.OrderPaymentRecorded, OrderPaymentRecordedPayload)
  paymentRecorded(_: OrderPaymentRecordedPayload, manager: EntityManager, event: EventEnvelope<OrderPaymentRecordedPayload>) {
    return this.aboutOrder(manager, event);
  }

  @OnEvent(EventTypes.OrderCanceled, OrderCanceledPayload)
  canceled(_: OrderCanceledPayload, manager: EntityManager, event: EventEnvelope<OrderCanceledPayload>) {
    return this.aboutOrder(manager, event);
  }

  @OnEvent(EventTypes.OrderRefunded, OrderRefundedPayload)
  refunded(_: OrderRefundedPayload, manager: EntityManager, event: EventEnvelope<OrderRefundedPayload>) {
    return this.aboutOrder(manager, event);
  }

  @OnEvent(EventTypes.OrderCustomerNotified, OrderCustomerNotifiedPayload)
  customerNotified(_: OrderCustomerNotifiedPayload, manager: EntityManager, event: EventEnvelope<OrderCustomerNotifiedPayload>) {
    return this.aboutOrder(manager, event);
  }

  @OnEvent(EventTypes.ShipmentCreated, ShipmentCreatedPayload)
  shipmentCreated(_: ShipmentCreatedPayload, manager: EntityManager, event: EventEnvelope<ShipmentCreatedPayload>) {
    return this.aboutOrder(manager, event);
  }

  @OnEvent(EventTypes.ShipmentStatusChanged, ShipmentStatusChangedPayload)
  shipmentStatusChanged(_: ShipmentStatusChangedPayload, manager: EntityManager, event: EventEnvelope<ShipmentStatusChangedPayload>) {
    return this.aboutOrder(manager, event);
  }

  @OnEvent(EventTypes.ShipmentDelivered, ShipmentStatusChangedPayload)
  shipmentDelivered(_: ShipmentStatusChangedPayload, manager: EntityManager, event: EventEnvelope<ShipmentStatusChangedPayload>) {
    return this.aboutOrder(manager, event);
  }

  @OnEvent(EventTypes.ShipmentCanceled, ShipmentCanceledPayload)
  shipmentCanceled(_: ShipmentCanceledPayload, manager: EntityManager, event: EventEnvelope<ShipmentCanceledPayload>) {
    return this.aboutOrder(manager, event);
  }

  @OnEvent(EventTypes.InventoryLowStock, InventoryLowStockPayload)
  lowStock(_: InventoryLowStockPayload, manager: EntityManager, event: EventEnvelope<InventoryLowStockPayload>) {
    return this.planner.plan(manager, event, null);
  }

  @OnEvent(EventTypes.MessageDeadLettered, MessageDeadLetteredPayload)
  deadLettered(_: MessageDeadLetteredPayload, manager: EntityManager, event: EventEnvelope<MessageDeadLetteredPayload>) {
    return this.planner.plan(manager, event, null);
  }

  private async aboutOrder(manager: EntityManager, event: EventEnvelope<OrderEvent>) {
    const order = await this.replicas.find(event.payload.orderId, manager);
    if (!order) throw new Error(`order ${event.payload.orderId} is not known yet: its order.placed has not arrived`);
    await this.planner.plan(manager, event, order);
  }
}
