import {
  CANCEL_CAUSES, EventTypes, matchesEventPattern, NotificationChannel, OrderCanceledPayload, OrderPaymentRecordedPayload, ShipmentCreatedPayload,
  ShipmentStatusChangedPayload, WEBHOOK_EVENT_TYPES,
} from '@oms/contracts';
import { OrderReplica } from '../../orders/order-replica';
import { TemplateName, TEMPLATES } from './templates';

export interface PlannedMessage {
  channel: NotificationChannel;
  /** An email address, an E.164 number, `slack`, or a webhook subscription's id. */
  recipient: string;
  /** The template, or `webhook:<event type>` for a webhook delivery. */
  template: string;
  subscriptionId?: string;
}

export interface Subscriber {
  id: string;
  events: string[];
}

export interface PlanSettings {
  staffEmails: readonly string[];
  staffAlerts: ReadonlySet<string>;
}

export interface PlanInput {
  type: string;
  payload: object;
  /** The order the event is about, when it is about one. */
  order: OrderReplica | null;
  /** Enabled webhook subscriptions. */
  subscribers: readonly Subscriber[];
  settings: PlanSettings;
  /** A staff alert raised by the service itself rather than by the event's type. */
  staffTemplate?: TemplateName;
}

/** Which customer message an event calls for, if any. */
export function customerTemplate(type: string, payload: object): TemplateName | null {
  switch (type) {
    case EventTypes.InventoryReserved: return 'order-confirmed';
    case EventTypes.InventoryReservationFailed: return 'order-not-fulfilled';
    case EventTypes.OrderPaymentRecorded: return (payload as OrderPaymentRecordedPayload).type === 'capture' ? 'payment-received' : null;
    case EventTypes.ShipmentCreated: return (payload as ShipmentCreatedPayload).notifyCustomer ? 'order-shipped' : null;
    case EventTypes.ShipmentDelivered: return 'order-delivered';
    // a failed reservation already told the customer (order-not-fulfilled)
    case EventTypes.OrderCanceled: return (payload as OrderCanceledPayload).cause === CANCEL_CAUSES.reservationFailed ? null : 'order-canceled';
    case EventTypes.OrderRefunded: return 'order-refunded';
    case EventTypes.OrderCustomerNotified: return 'order-update';
    default: return null;
  }
}

/** Which staff alert an event raises, if any (whether it is turned on is configuration). */
export function staffTemplate(type: string, payload: object): TemplateName | null {
  switch (type) {
    case EventTypes.OrderPlaced: return 'staff-new-order';
    case EventTypes.OrderPaymentRecorded: return (payload as OrderPaymentRecordedPayload).type === 'failure' ? 'staff-payment-failed' : null;
    case EventTypes.InventoryReservationFailed: return 'staff-reservation-failed';
    case EventTypes.InventoryLowStock: return 'staff-low-stock';
    case EventTypes.ShipmentStatusChanged: return (payload as ShipmentStatusChangedPayload).status === 'exception' ? 'staff-shipment-exception' : null;
    case EventTypes.MessageDeadLettered: return 'staff-dead-letter';
    default: return null;
  }
}

/** Slack (one channel) and each staff address, for a staff alert that is turned on. */
export function staffMessages(template: TemplateName, settings: PlanSettings): PlannedMessage[] {
  const alert = (TEMPLATES[template] as { alert?: string }).alert;
  if (!alert || !settings.staffAlerts.has(alert)) return [];
  return [
    { channel: 'slack', recipient: 'slack', template },
    ...settings.staffEmails.map((email): PlannedMessage => ({ channel: 'email', recipient: email, template })),
  ];
}

/**
 * Every message one event calls for: the customer's email (and text, when the order opted in and the
 * template has one), staff alerts, and one delivery per webhook subscription whose patterns match.
 * Pure: what is sent is decided here, how it reads by the templates.
 */
export function planMessages({ type, payload, order, subscribers, settings, staffTemplate: raised }: PlanInput): PlannedMessage[] {
  const messages: PlannedMessage[] = [];
  const forCustomer = order && customerTemplate(type, payload);
  if (forCustomer) {
    messages.push({ channel: 'email', recipient: order.customerEmail, template: forCustomer });
    const texts = (TEMPLATES[forCustomer].channels as readonly NotificationChannel[]).includes('sms');
    if (texts && order.smsOptIn && order.customerPhone) messages.push({ channel: 'sms', recipient: order.customerPhone, template: forCustomer });
  }
  const forStaff = raised ?? staffTemplate(type, payload);
  if (forStaff) messages.push(...staffMessages(forStaff, settings));
  if (WEBHOOK_EVENT_TYPES.includes(type)) {
    for (const subscriber of subscribers) {
      if (subscriber.events.some((pattern) => matchesEventPattern(pattern, type))) {
        messages.push({ channel: 'webhook', recipient: subscriber.id, template: `webhook:${type}`, subscriptionId: subscriber.id });
      }
    }
  }
  return messages;
}
