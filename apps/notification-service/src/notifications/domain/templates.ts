import { NotificationChannel } from '@oms/contracts';

export type Audience = 'customer' | 'staff';

export interface TemplateInfo {
  /** How the timeline names it: "Shipping confirmation emailed to …". */
  title: string;
  description: string;
  audience: Audience;
  channels: readonly NotificationChannel[];
  /** The `STAFF_ALERT_EVENTS` name that turns a staff alert on. */
  alert?: string;
}

/** Every template the service renders; each has `<name>.subject|html|text.hbs` files (and `.sms.hbs` for texts). */
export const TEMPLATES = {
  'order-confirmed': { title: 'Order confirmation', description: 'Every item is reserved: items, totals, addresses', audience: 'customer', channels: ['email'] },
  'order-not-fulfilled': { title: 'Unfulfillable order notice', description: 'Stock could not be reserved: which items, and that the order is canceled', audience: 'customer', channels: ['email'] },
  'payment-received': { title: 'Payment receipt', description: 'A payment was captured', audience: 'customer', channels: ['email'] },
  'order-shipped': { title: 'Shipping confirmation', description: 'A parcel left: carrier, tracking number and link, its items', audience: 'customer', channels: ['email', 'sms'] },
  'order-delivered': { title: 'Delivery confirmation', description: 'A parcel was delivered', audience: 'customer', channels: ['email', 'sms'] },
  'order-canceled': { title: 'Cancellation notice', description: 'The order was canceled, with the reason', audience: 'customer', channels: ['email'] },
  'order-refunded': { title: 'Refund notice', description: 'Money went back: amount and lines', audience: 'customer', channels: ['email'] },
  'order-update': { title: 'Order update', description: 'A customer-visible entry on the order’s history (a note, a parcel held up)', audience: 'customer', channels: ['email'] },
  'staff-new-order': { title: 'New order alert', description: 'An order was placed', audience: 'staff', channels: ['slack', 'email'], alert: 'order.placed' },
  'staff-payment-failed': { title: 'Payment failure alert', description: 'A payment failed', audience: 'staff', channels: ['slack', 'email'], alert: 'payment.failed' },
  'staff-reservation-failed': { title: 'Reservation failure alert', description: 'An order’s stock could not be reserved', audience: 'staff', channels: ['slack', 'email'], alert: 'inventory.reservation_failed' },
  'staff-low-stock': { title: 'Low stock alert', description: 'A SKU fell under its threshold', audience: 'staff', channels: ['slack', 'email'], alert: 'inventory.low_stock' },
  'staff-shipment-exception': { title: 'Delivery exception alert', description: 'A carrier reported an exception', audience: 'staff', channels: ['slack', 'email'], alert: 'shipment.exception' },
  'staff-dead-letter': { title: 'Dead letter alert', description: 'A service gave up on a message', audience: 'staff', channels: ['slack', 'email'], alert: 'ops.message_dead_lettered' },
  'staff-unroutable': { title: 'Unroutable events alert', description: 'Events arrive that no service consumes (oms.unroutable grows)', audience: 'staff', channels: ['slack', 'email'], alert: 'ops.unroutable' },
  'staff-webhook-disabled': { title: 'Webhook disabled alert', description: 'A webhook subscription was disabled (410, or every retry failed)', audience: 'staff', channels: ['slack', 'email'], alert: 'webhook.disabled' },
} as const satisfies Record<string, TemplateInfo>;

export type TemplateName = keyof typeof TEMPLATES;

export const isTemplateName = (name: string): name is TemplateName => Object.hasOwn(TEMPLATES, name);

/** The alert names `STAFF_ALERT_EVENTS` may list. */
export const STAFF_ALERTS: readonly string[] = Object.values(TEMPLATES as Record<string, TemplateInfo>).flatMap((t) => (t.alert ? [t.alert] : []));

/** Everything but new orders, which a busy shop would not want in Slack one by one. */
export const DEFAULT_STAFF_ALERTS = STAFF_ALERTS.filter((alert) => alert !== 'order.placed');
