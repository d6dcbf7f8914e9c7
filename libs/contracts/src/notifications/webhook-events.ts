import { EventTypes } from '../events/routing-keys';

/**
 * The events a webhook subscription can receive: what happened to orders, stock and parcels. The cancel
 * handshake between services, notification outcomes and operations events stay inside.
 */
export const WEBHOOK_EVENT_TYPES: readonly string[] = [
  EventTypes.OrderPlaced, EventTypes.OrderStatusChanged, EventTypes.OrderCanceled, EventTypes.OrderRefunded,
  EventTypes.OrderPaymentRecorded, EventTypes.OrderCustomerNotified,
  EventTypes.InventoryReserved, EventTypes.InventoryReservationFailed, EventTypes.InventoryLowStock,
  EventTypes.ShipmentCreated, EventTypes.ShipmentStatusChanged, EventTypes.ShipmentDelivered, EventTypes.ShipmentCanceled,
];

/** `order.placed` (one type), `order.*` (one prefix) or `*` (every type above). */
export const EVENT_PATTERN = /^(\*|[a-z]+\.\*|[a-z]+\.[a-z_]+)$/;

export function matchesEventPattern(pattern: string, type: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return pattern === type;
}

/** A pattern is known when it is well formed and matches at least one event a subscription can receive. */
export const isKnownEventPattern = (pattern: string): boolean =>
  EVENT_PATTERN.test(pattern) && WEBHOOK_EVENT_TYPES.some((type) => matchesEventPattern(pattern, type));
