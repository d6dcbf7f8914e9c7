import {
  EventTypes, InventoryLowStockPayload, InventoryReservationFailedPayload, MessageDeadLetteredPayload, OrderCanceledPayload,
  OrderCustomerNotifiedPayload, OrderPaymentRecordedPayload, OrderRefundedPayload, ShipmentCreatedPayload, ShipmentStatusChangedPayload,
} from '@oms/contracts';
import { currencyPrecision, fromMinorUnits } from '@oms/money';
import { OrderReplica } from '../../orders/order-replica';

/** Number formats are costly to make: one per locale and currency. */
const formats = new Map<string, Intl.NumberFormat | null>();

function formatFor(locale: string, currency: string): Intl.NumberFormat | null {
  const key = `${locale}|${currency}`;
  if (!formats.has(key)) {
    if (formats.size >= 1000) formats.clear(); // locales come from orders: keep the cache bounded
    const digits = currencyPrecision(currency);
    try {
      formats.set(key, new Intl.NumberFormat(locale, { style: 'currency', currency, minimumFractionDigits: digits, maximumFractionDigits: digits }));
    } catch {
      formats.set(key, null);
    }
  }
  return formats.get(key)!;
}

/** An amount in minor units as the customer reads it in their language: `€1,234.50`, `1.234,50 €`. */
export function formatAmount(minor: number, currency: string, locale: string): string {
  const amount = fromMinorUnits(minor, currency);
  return formatFor(locale, currency)?.format(amount) ?? `${amount.toFixed(currencyPrecision(currency))} ${currency}`;
}

export interface Links {
  /** The customer's order status page, signed: no login needed to read this one order. */
  statusUrl: string | null;
  /** The order in the back office. */
  adminUrl: string | null;
}

export type TemplateContext = Record<string, unknown>;

/** The order as the templates see it: formatted amounts, lines with names, addresses. */
export function orderContext(order: OrderReplica, locale: string) {
  const money = (minor: number) => formatAmount(minor, order.currency, locale);
  const totals = order.totals ?? { subTotal: order.grandTotal, discountAmount: 0, taxAmount: 0, shippingFee: 0, grandTotal: order.grandTotal };
  return {
    id: order.orderId,
    number: order.orderNumber,
    customerName: order.customerName,
    customerEmail: order.customerEmail,
    itemCount: order.lines.reduce((sum, line) => sum + line.qty, 0),
    lines: order.lines.map((line) => ({ sku: line.sku, name: line.name, qty: line.qty, total: line.lineTotal === undefined ? '' : money(line.lineTotal) })),
    totals: {
      subTotal: money(totals.subTotal), discountAmount: money(totals.discountAmount), hasDiscount: totals.discountAmount > 0,
      taxAmount: money(totals.taxAmount), shippingFee: money(totals.shippingFee), grandTotal: money(totals.grandTotal),
    },
    shippingAddress: order.shippingAddress,
    billingAddress: order.billingAddress,
  };
}

/** Lines of a parcel or refund with the names the order gave them. */
const namedLines = (order: OrderReplica | null, lines: { orderItemId?: string; sku: string; qty: number }[]) =>
  lines.map((line) => ({
    sku: line.sku, qty: line.qty,
    name: order?.lines.find((l) => (line.orderItemId ? l.orderItemId === line.orderItemId : l.sku === line.sku))?.name ?? line.sku,
  }));

/** What one event adds to the context: the parcel, the payment, the refund, the reason… */
export function eventFacts(type: string, payload: object, order: OrderReplica | null, locale: string): TemplateContext {
  const currency = order?.currency ?? 'EUR';
  switch (type) {
    case EventTypes.ShipmentCreated: {
      const p = payload as ShipmentCreatedPayload;
      return { shipment: { number: p.shipmentNumber, carrier: p.carrier, trackingNumber: p.trackingNumber, trackingUrl: p.trackingUrl ?? null, lines: namedLines(order, p.items) } };
    }
    case EventTypes.ShipmentDelivered:
    case EventTypes.ShipmentStatusChanged: {
      const p = payload as ShipmentStatusChangedPayload;
      return { shipment: { number: p.shipmentNumber, status: p.status } };
    }
    case EventTypes.InventoryReservationFailed: {
      const p = payload as InventoryReservationFailedPayload;
      return { shortLines: p.shortLines.map((line) => ({ ...line, name: namedLines(order, [{ sku: line.sku, qty: line.requested }])[0].name })), detail: p.detail ?? null };
    }
    case EventTypes.OrderPaymentRecorded: {
      const p = payload as OrderPaymentRecordedPayload;
      return { payment: { amount: formatAmount(p.amount, p.currency, locale), provider: p.provider, reference: p.reference, type: p.type } };
    }
    case EventTypes.OrderRefunded: {
      const p = payload as OrderRefundedPayload;
      return { refund: { amount: formatAmount(p.amount, p.currency || currency, locale), reason: p.reason, lines: namedLines(order, p.lines) } };
    }
    case EventTypes.OrderCanceled: return { reason: (payload as OrderCanceledPayload).reason };
    case EventTypes.OrderCustomerNotified: return { message: (payload as OrderCustomerNotifiedPayload).message };
    case EventTypes.InventoryLowStock: return { stock: { ...(payload as InventoryLowStockPayload) } };
    case EventTypes.MessageDeadLettered: return { deadLetter: { ...(payload as MessageDeadLetteredPayload) } };
    default: return {};
  }
}

/**
 * Stand-in facts for a template preview, from the order itself: its lines as the parcel, its total as
 * the payment and the refund, so an operator sees a template filled in without anything happening.
 */
export function sampleFacts(order: OrderReplica, locale: string): TemplateContext {
  const total = formatAmount(order.totals?.grandTotal ?? order.grandTotal, order.currency, locale);
  const lines = namedLines(order, order.lines);
  return {
    shipment: { number: 'SHP-PREVIEW', carrier: 'dhl', trackingNumber: 'PREVIEW0000', trackingUrl: 'https://www.dhl.com/track?id=PREVIEW0000', lines, status: 'exception' },
    payment: { amount: total, provider: 'preview', reference: 'preview', type: 'capture' },
    refund: { amount: total, reason: 'Preview of a refund', lines },
    shortLines: order.lines.map((line) => ({ sku: line.sku, name: line.name, requested: line.qty, available: 0 })),
    reason: 'Preview of a cancellation',
    message: 'Preview of a message from the shop.',
    stock: { sku: order.lines[0]?.sku ?? 'SKU', available: 2, threshold: 5 },
    deadLetter: { queue: 'preview.events', routingKey: 'order.placed', messageId: 'preview', attempts: 5, reason: 'preview' },
    subscription: { url: 'https://example.com/webhooks', reason: 'preview' },
    unroutable: { queue: 'oms.unroutable', messages: 12 },
  };
}

/** Everything a template may use. */
export function templateContext(input: { shopName: string; locale: string; order: OrderReplica | null; facts: TemplateContext; links: Links }): TemplateContext {
  return {
    shop: { name: input.shopName },
    locale: input.locale,
    ...(input.order ? { order: orderContext(input.order, input.locale) } : {}),
    ...input.facts,
    statusUrl: input.links.statusUrl,
    adminUrl: input.links.adminUrl,
  };
}

/**
 * The body of a webhook delivery (Standard Webhooks: `{ type, timestamp, data }`): what the event says,
 * naming the order by id and number when it is about one.
 */
export function webhookBody(event: { type: string; occurredAt: string; payload: object }, order: OrderReplica | null): { type: string; timestamp: string; data: Record<string, unknown> } {
  const data = order ? { orderId: order.orderId, orderNumber: order.orderNumber, ...event.payload } : { ...event.payload };
  return { type: event.type, timestamp: event.occurredAt, data };
}
