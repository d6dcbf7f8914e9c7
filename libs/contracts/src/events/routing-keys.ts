/** The topic exchange all events are published to. */
export const EVENTS_EXCHANGE = 'oms.events';

/** Routing keys (= event types). One list, so no service spells one differently. */
export const EventTypes = {
  OrderPlaced: 'order.placed',
  OrderCancelRequested: 'order.cancel_requested',
  OrderCanceled: 'order.canceled',
  OrderStatusChanged: 'order.status_changed',
  OrderRefunded: 'order.refunded',
  OrderPaymentRecorded: 'order.payment_recorded',
  OrderCustomerNotified: 'order.customer_notified',
  InventoryReserved: 'inventory.reserved',
  InventoryReservationFailed: 'inventory.reservation_failed',
  InventoryLowStock: 'inventory.low_stock',
  ShipmentCreated: 'shipment.created',
  ShipmentStatusChanged: 'shipment.status_changed',
  ShipmentDelivered: 'shipment.delivered',
  ShipmentCanceled: 'shipment.canceled',
  ShipmentCancelAcknowledged: 'shipment.cancel_acknowledged',
  ShipmentCancelRejected: 'shipment.cancel_rejected',
  NotificationSent: 'notification.sent',
  NotificationFailed: 'notification.failed',
  MessageDeadLettered: 'ops.message_dead_lettered',
} as const;

export type EventType = (typeof EventTypes)[keyof typeof EventTypes];
