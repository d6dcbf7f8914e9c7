import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import {
  EventEnvelope, EventTypes, InventoryLowStockPayload, InventoryReservationFailedPayload, InventoryReservedPayload, MessageDeadLetteredPayload,
  OrderCanceledPayload, OrderCustomerNotifiedPayload, OrderPaymentRecordedPayload, OrderPlacedPayload, OrderRefundedPayload,
  OrderStatusChangedPayload, ShipmentCanceledPayload, ShipmentCreatedPayload, ShipmentStatusChangedPayload,
} from '@oms/contracts';
import { OnEvent, OnEvents } from '@oms/messaging';
import { OrderReplica } from '../../orders/order-replica';
import { OrderReplicaRepository } from '../../orders/order-replica.repository';
import { NotificationPlanner } from '../notification-planner';

const replicaOf = (p: OrderPlacedPayload): OrderReplica => ({
  orderId: p.orderId, orderNumber: p.orderNumber, customerEmail: p.customerEmail, customerName: p.customerFullName,
  customerPhone: p.customerPhone ?? null, smsOptIn: p.smsOptIn ?? false, locale: p.locale ?? null, currency: p.currency,
  lines: p.lines, totals: p.totals ?? null, grandTotal: p.grandTotal, shippingAddress: p.shippingAddress, billingAddress: p.billingAddress ?? null,
});

type OrderEvent = { orderId: string };

/** Messages are planned per order: the events of different orders are planned together. */
const byOrder = (payload: OrderEvent) => payload.orderId;

/**
 * Every event someone should hear of: the order's replica is kept from `order.placed`, and each event's
 * messages are planned in its inbox transaction (see NotificationPlanner). An event about an order this
 * service has not heard of yet (its `order.placed` is still on the way) fails and is retried.
 */
@Injectable()
export class NotificationEvents {
  constructor(private readonly replicas: OrderReplicaRepository, private readonly planner: NotificationPlanner) {}

  @OnEvents(EventTypes.OrderPlaced, OrderPlacedPayload, byOrder)
  async orderPlaced(events: EventEnvelope<OrderPlacedPayload>[], manager: EntityManager) {
    const plans = events.map((event) => ({ cause: event, order: replicaOf(event.payload) }));
    await this.replicas.recordAll(manager, plans.map(({ order }) => order));
    await this.planner.planAll(manager, plans);
  }

  @OnEvents(EventTypes.InventoryReserved, InventoryReservedPayload, byOrder)
  reserved(events: EventEnvelope<InventoryReservedPayload>[], manager: EntityManager) {
    return this.aboutOrders(manager, events);
  }

  @OnEvents(EventTypes.InventoryReservationFailed, InventoryReservationFailedPayload, byOrder)
  reservationFailed(events: EventEnvelope<InventoryReservationFailedPayload>[], manager: EntityManager) {
    return this.aboutOrders(manager, events);
  }

  @OnEvents(EventTypes.OrderStatusChanged, OrderStatusChangedPayload, byOrder)
  statusChanged(events: EventEnvelope<OrderStatusChangedPayload>[], manager: EntityManager) {
    return this.aboutOrders(manager, events);
  }

  @OnEvents(EventTypes.OrderPaymentRecorded, OrderPaymentRecordedPayload, byOrder)
  paymentRecorded(events: EventEnvelope<OrderPaymentRecordedPayload>[], manager: EntityManager) {
    return this.aboutOrders(manager, events);
  }

  @OnEvents(EventTypes.OrderCanceled, OrderCanceledPayload, byOrder)
  canceled(events: EventEnvelope<OrderCanceledPayload>[], manager: EntityManager) {
    return this.aboutOrders(manager, events);
  }

  @OnEvents(EventTypes.OrderRefunded, OrderRefundedPayload, byOrder)
  refunded(events: EventEnvelope<OrderRefundedPayload>[], manager: EntityManager) {
    return this.aboutOrders(manager, events);
  }

  @OnEvents(EventTypes.OrderCustomerNotified, OrderCustomerNotifiedPayload, byOrder)
  customerNotified(events: EventEnvelope<OrderCustomerNotifiedPayload>[], manager: EntityManager) {
    return this.aboutOrders(manager, events);
  }

  @OnEvents(EventTypes.ShipmentCreated, ShipmentCreatedPayload, byOrder)
  shipmentCreated(events: EventEnvelope<ShipmentCreatedPayload>[], manager: EntityManager) {
    return this.aboutOrders(manager, events);
  }

  @OnEvents(EventTypes.ShipmentStatusChanged, ShipmentStatusChangedPayload, byOrder)
  shipmentStatusChanged(events: EventEnvelope<ShipmentStatusChangedPayload>[], manager: EntityManager) {
    return this.aboutOrders(manager, events);
  }

  @OnEvents(EventTypes.ShipmentDelivered, ShipmentStatusChangedPayload, byOrder)
  shipmentDelivered(events: EventEnvelope<ShipmentStatusChangedPayload>[], manager: EntityManager) {
    return this.aboutOrders(manager, events);
  }

  @OnEvents(EventTypes.ShipmentCanceled, ShipmentCanceledPayload, byOrder)
  shipmentCanceled(events: EventEnvelope<ShipmentCanceledPayload>[], manager: EntityManager) {
    return this.aboutOrders(manager, events);
  }

  @OnEvent(EventTypes.InventoryLowStock, InventoryLowStockPayload)
  lowStock(_: InventoryLowStockPayload, manager: EntityManager, event: EventEnvelope<InventoryLowStockPayload>) {
    return this.planner.plan(manager, event, null);
  }

  @OnEvent(EventTypes.MessageDeadLettered, MessageDeadLetteredPayload)
  deadLettered(_: MessageDeadLetteredPayload, manager: EntityManager, event: EventEnvelope<MessageDeadLetteredPayload>) {
    return this.planner.plan(manager, event, null);
  }

  private async aboutOrders(manager: EntityManager, events: EventEnvelope<OrderEvent>[]) {
    const orders = await this.replicas.findAll(events.map((event) => event.payload.orderId), manager);
    const unknown = events.find((event) => !orders.has(event.payload.orderId));
    if (unknown) throw new Error(`order ${unknown.payload.orderId} is not known yet: its order.placed has not arrived`);
    await this.planner.planAll(manager, events.map((event) => ({ cause: event, order: orders.get(event.payload.orderId)! })));
  }
}
