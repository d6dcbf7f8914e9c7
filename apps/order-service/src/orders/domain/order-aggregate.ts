import {
  CANCEL_CAUSES, EventTypes, FieldError, OrderCancelRequestedPayload, OrderCanceledPayload, OrderCustomerNotifiedPayload, OrderPaymentRecordedPayload,
  OrderActionsView, OrderPlacedPayload, OrderRefundedPayload, OrderStatusChangedPayload,
  RefundedLine, ShortLine, UpdateOrderDto,
} from '@oms/contracts';
import { formatMoney } from '@oms/money';
import { NewEvent } from '@oms/messaging';
import { AppError } from '@oms/platform';
import { refundable, totalsOf } from '../../payments/domain/payment-ledger';
import { HistoryEntry, InventoryStatus, Order, OrderWithDetails } from './order';
import { OrderStatuses, StatusGroup } from './order-statuses';
import { describeShortage, rollUpShipmentStatus } from './order-transitions';

/** The fields an operation may change; everything else about an order is fixed when it is placed. */
export type OrderPatch = Partial<Pick<Order,
  'status' | 'paymentStatus' | 'shipmentStatus' | 'inventoryStatus' | 'cancelReason' | 'canceledAt' | 'notes' | 'cancelPending'>>;

/**
 * What one operation did to an order: the fields to store (the version goes up by one when there are
 * any), the history entries to add, and the events to publish, stamped with the order's new version.
 */
export interface OrderChange {
  patch: OrderPatch;
  history: HistoryEntry[];
  events: NewEvent[];
}

const SYSTEM = 'system';

const LABELS: Record<StatusGroup, string> = { paymentStatus: 'Payment status', shipmentStatus: 'Shipment status' };

/** How a tracking status reads in the order's history, and whether the customer hears of it. */
const SHIPMENT_UPDATES: ReadonlyMap<string, { text: string; customer: boolean }> = new Map([
  ['in_transit', { text: 'is in transit', customer: false }],
  ['out_for_delivery', { text: 'is out for delivery', customer: true }],
  ['delivered', { text: 'delivered', customer: true }],
  ['exception', { text: 'has a delivery exception', customer: true }],
  ['returned', { text: 'was returned', customer: true }],
  ['canceled', { text: 'was canceled (voided before pickup)', customer: true }],
]);

const PAYMENT_HISTORY: Record<string, { what: string; verb: string; customerNotified: boolean }> = {
  authorization: { what: 'Authorization', verb: 'authorized', customerNotified: false },
  capture: { what: 'Payment', verb: 'captured', customerNotified: true },
  void: { what: 'Authorization', verb: 'voided', customerNotified: false },
  failure: { what: 'Payment', verb: 'failed', customerNotified: true },
};

/** A new order as the checkout described it, before it has statuses. */
export type OrderDraft = Omit<OrderWithDetails, 'status' | 'paymentStatus' | 'shipmentStatus' | 'inventoryStatus' | 'version' | 'cancelPending'>;

/** A payment entry as the history tells it. */
export interface PaymentFact {
  type: 'authorization' | 'capture' | 'void' | 'failure';
  amount: number;
  currency: string;
  provider: string;
  reference: string;
  note: string | null;
}

/** A refund as the history and `order.refunded` tell it. */
export interface RefundFact {
  refundId: string;
  amount: number;
  currency: string;
  reason: string;
  lines: RefundedLine[];
}

/**
 * Every rule of an order's life in one place: each state change is a named operation over an order as
 * loaded (never changed in place) that checks the configured statuses and answers the change it makes
 * (`OrderChange`), or null when there is nothing to do, or throws an AppError when the rules refuse it.
 * Commands and handlers load the order, call one operation and save what it answers. Pure: no I/O.
 *
 * The configured transitions govern direct status changes (`changeStatus`). The flows — the payment
 * ledger, shipment roll-ups, cancellation — set the statuses that the configuration must define
 * (`FLOW_STATUSES`): they record what happened elsewhere (money moved, a parcel shipped) and so are not
 * refused by the transition table.
 */
export class OrderAggregate {
  constructor(private readonly statuses: OrderStatuses) {}

  /** A new order: each group's default status, the order status they resolve to, its stock being reserved. */
  place(draft: OrderDraft): OrderWithDetails {
    const paymentStatus = this.statuses.defaultOf('paymentStatus');
    const shipmentStatus = this.statuses.defaultOf('shipmentStatus');
    return {
      ...draft, paymentStatus, shipmentStatus, status: this.statuses.resolve(paymentStatus, shipmentStatus),
      inventoryStatus: 'reserving', cancelPending: false, version: 1,
    };
  }

  /** The history entry and `order.placed` of an order once stored (it has its number then). */
  placed(order: OrderWithDetails, author: string): { history: HistoryEntry; events: NewEvent[] } {
    const payload: OrderPlacedPayload = {
      orderId: order.id, orderNumber: order.orderNumber, customerId: order.customerId, customerEmail: order.customerEmail,
      customerFullName: order.customerFullName, customerPhone: order.customerPhone, smsOptIn: order.customerSmsOptIn, locale: order.customerLocale,
      shippingAddress: order.shippingAddress, billingAddress: order.billingAddress, currency: order.currency, grandTotal: order.grandTotal,
      totals: { subTotal: order.subTotal, discountAmount: order.discountAmount, taxAmount: order.taxAmount, shippingFee: order.shippingFee, grandTotal: order.grandTotal },
      paymentMethod: order.paymentMethod, shippingMethod: order.shippingMethod, orderType: order.orderType,
      lines: order.items.map((item) => ({ orderItemId: item.id, sku: item.sku, name: item.name, qty: item.qty, finalPrice: item.finalPrice, lineTotal: item.lineTotal })),
    };
    return {
      history: this.entry('order_placed', { orderNumber: order.orderNumber }, `Order ${order.orderNumber} placed`, true, author),
      events: [{ type: EventTypes.OrderPlaced, aggregateId: order.id, aggregateVersion: order.version, payload }],
    };
  }

  /**
   * Inventory holds every line. Stored by one guarded statement on the hot path (the order must still be
   * `reserving`), so this answers only the history entry it writes.
   */
  recordReservation(): HistoryEntry {
    return this.entry('stock_reserved', {}, 'Stock reserved for every item', false, SYSTEM);
  }

  /** Inventory could not reserve the order: it is canceled with the reason. Only an order still reserving takes it. */
  failReservation(order: Order, failure: { shortLines: ShortLine[]; detail?: string }): OrderChange | null {
    if (order.inventoryStatus !== 'reserving') return null;
    const reason = failure.shortLines.length ? `Out of stock: ${describeShortage(failure.shortLines)}` : 'Stock could not be reserved for this order';
    const history = [this.entry('order_canceled', { reason, shortLines: failure.shortLines }, `Order canceled. ${reason}`, true, SYSTEM)];
    if (failure.detail) history.push(this.entry('reservation_failed', { detail: failure.detail }, `Inventory could not reserve the order: ${failure.detail}`, false, SYSTEM));
    return this.cancel(order, reason, 'failed', history, CANCEL_CAUSES.reservationFailed);
  }

  /**
   * Asks for the order to be canceled: allowed while the configured payment and shipment statuses are
   * cancelable. The order is held `cancelPending` until the shipment service confirms nothing shipped.
   * Null for an order canceled or being canceled already.
   */
  requestCancel(order: Order, reason: string, author: string): OrderChange | null {
    if (this.isCanceled(order) || order.cancelPending) return null;
    if (!this.statuses.isCancelable(order.paymentStatus, order.shipmentStatus)) {
      throw AppError.conflict(`Order ${order.orderNumber} is not cancelable: payment ${order.paymentStatus}, shipment ${order.shipmentStatus}.`);
    }
    const payload: OrderCancelRequestedPayload = { orderId: order.id, orderNumber: order.orderNumber, reason };
    return {
      patch: { cancelPending: true, cancelReason: reason },
      history: [this.entry('cancel_requested', { reason }, `Cancellation requested: ${reason}`, false, author)],
      events: [this.event(order, EventTypes.OrderCancelRequested, payload)],
    };
  }

  /** Nothing shipped: the pending cancel completes; inventory releases what it holds. */
  completeCancel(order: Order): OrderChange | null {
    if (!order.cancelPending) return null;
    const reason = order.cancelReason ?? 'Canceled';
    // inventory releases what it holds on order.canceled, and nothing it never reserved
    const inventoryStatus = order.inventoryStatus === 'failed' ? 'failed' : 'released';
    return this.cancel(order, reason, inventoryStatus, [this.entry('order_canceled', { reason }, `Order canceled. ${reason}`, true, SYSTEM)], CANCEL_CAUSES.requested);
  }

  /** Something shipped first: the cancel is refused and the order stays as it was. */
  refuseCancel(order: Order, reason: string): OrderChange | null {
    if (!order.cancelPending) return null;
    return {
      patch: { cancelPending: false, cancelReason: null },
      history: [this.entry('cancel_refused', { reason }, `Cancellation refused: ${reason}`, false, SYSTEM)],
      events: [],
    };
  }

  /** A shipment left: the shipment status rolls up from the items (with it counted) and the live shipments. */
  applyShipment(
    order: Order,
    shipment: { shipmentNumber: string; carrier: string; trackingNumber: string | null; notifyCustomer: boolean },
    items: { qty: number; shippedQty: number }[],
    liveShipmentStatuses: string[],
  ): OrderChange {
    if (this.isCanceled(order)) throw AppError.conflict(`Shipment ${shipment.shipmentNumber} is for canceled order ${order.orderNumber}.`);
    const tracking = shipment.trackingNumber ? `, tracking ${shipment.trackingNumber}` : '';
    const history = this.entry('shipment_created', { shipmentNumber: shipment.shipmentNumber, carrier: shipment.carrier, trackingNumber: shipment.trackingNumber },
      `Shipment ${shipment.shipmentNumber} created via ${shipment.carrier}${tracking}`, shipment.notifyCustomer, SYSTEM);
    return this.withStatuses(order, { shipmentStatus: rollUpShipmentStatus(items, liveShipmentStatuses) }, [history]);
  }

  /** A shipment moved on (in transit, delivered, returned, voided): the order rolls up again. */
  applyShipmentStatus(order: Order, shipment: { shipmentNumber: string; status: string }, items: { qty: number; shippedQty: number }[], liveShipmentStatuses: string[]): OrderChange {
    const label = SHIPMENT_UPDATES.get(shipment.status);
    const history = label
      ? [this.entry('shipment_updated', { shipmentNumber: shipment.shipmentNumber, status: shipment.status }, `Shipment ${shipment.shipmentNumber} ${label.text}`, label.customer, SYSTEM)]
      : [];
    const change = this.withStatuses(order, { shipmentStatus: rollUpShipmentStatus(items, liveShipmentStatuses) }, history);
    // delivery has its own message (shipment.delivered); the customer hears of the other visible updates from this entry
    return shipment.status === 'delivered' ? change : this.announceToCustomer(order, change);
  }

  /**
   * A payment entry was recorded: the payment status is what the ledger now adds up to (`derived`); a
   * canceled order stays canceled (its voids and refunds are still recorded).
   */
  recordPayment(order: Order, payment: PaymentFact, derived: string, author: string): OrderChange {
    const { what, verb, customerNotified } = PAYMENT_HISTORY[payment.type];
    const note = payment.note ? `: ${payment.note}` : '';
    const history = this.entry('payment_recorded', { ...payment },
      `${what} of ${formatMoney(payment.amount, payment.currency)} ${verb} (${payment.provider}, ${payment.reference})${note}`, customerNotified, author);
    const paymentStatus = this.ledgerStatus(order, derived);
    const change = this.withStatuses(order, { paymentStatus }, [history]);
    const payload: OrderPaymentRecordedPayload = {
      orderId: order.id, orderNumber: order.orderNumber, type: payment.type, amount: payment.amount, currency: payment.currency,
      provider: payment.provider, reference: payment.reference, paymentStatus,
    };
    return { ...change, events: [...change.events, this.event(order, EventTypes.OrderPaymentRecorded, payload)] };
  }

  /** Money went back to the customer: the payment status follows the ledger, and `order.refunded` restocks what is marked so. */
  refund(order: Order, refund: RefundFact, derived: string, author: string): OrderChange {
    const restocked = refund.lines.filter((l) => l.restock).map((l) => `${l.qty} × ${l.sku}`);
    const history = this.entry('refund_recorded', { refundId: refund.refundId, amount: refund.amount, currency: refund.currency, reason: refund.reason, lines: refund.lines },
      `Refunded ${formatMoney(refund.amount, refund.currency)}: ${refund.reason}` + (restocked.length ? ` (restocking ${restocked.join(', ')})` : ''), true, author);
    const change = this.withStatuses(order, { paymentStatus: this.ledgerStatus(order, derived) }, [history]);
    const payload: OrderRefundedPayload = { orderId: order.id, orderNumber: order.orderNumber, ...refund };
    return { ...change, events: [...change.events, this.event(order, EventTypes.OrderRefunded, payload)] };
  }

  /**
   * A direct change of the payment and/or shipment status and notes (EverShop's updatePaymentStatus and
   * updateShipmentStatus): unknown statuses are a 400 naming the allowed values, a change the configured
   * transitions forbid a 409. Null when nothing changes.
   */
  changeStatus(order: Order, request: UpdateOrderDto, author: string): OrderChange | null {
    const groups = this.requestedGroups(request);
    if (order.cancelPending && groups.length) {
      throw AppError.conflict(`Order ${order.orderNumber} is being canceled; its statuses cannot change until that settles.`);
    }
    const next = { paymentStatus: order.paymentStatus, shipmentStatus: order.shipmentStatus };
    const history: HistoryEntry[] = [];
    for (const group of groups) {
      const from = order[group];
      const to = request[group]!;
      if (!this.statuses.canChange(group, from, to)) {
        const allowed = this.statuses.config.transitions[group][from] ?? [];
        throw AppError.conflict(
          `${LABELS[group]} cannot change from ${from} to ${to}` +
            (allowed.length ? `; allowed: ${allowed.join(', ')}.` : `: ${from} is final.`) +
            (to === 'canceled' ? ' To cancel the order, use POST /api/orders/{id}/cancel.' : ''),
        );
      }
      if (from === to) continue;
      next[group] = to;
      history.push(this.entry('status_changed', { group, from, to },
        `${LABELS[group]} changed from ${this.statuses.view(group, from).name} to ${this.statuses.view(group, to).name}`, false, author));
    }
    const notesChanged = request.notes !== undefined && request.notes !== order.notes;
    if (!history.length && !notesChanged) return null;
    if (notesChanged) history.push(this.entry('notes_updated', {}, 'Notes updated', false, author));
    const change = this.withStatuses(order, next, history);
    return notesChanged ? { ...change, patch: { ...change.patch, notes: request.notes } } : change;
  }

  /** Which status groups a direct change names; a 400 for statuses the configuration does not know, or for nothing to change. */
  requestedGroups(request: UpdateOrderDto): StatusGroup[] {
    const groups = (['paymentStatus', 'shipmentStatus'] as const).filter((group) => request[group] !== undefined);
    const unknown: FieldError[] = groups
      .filter((group) => !this.statuses.config[group][request[group]!])
      .map((group) => ({ field: group, message: `must be one of ${this.statuses.codes(group).join(', ')}` }));
    if (unknown.length) throw AppError.validation(unknown);
    if (!groups.length && request.notes === undefined) throw AppError.validation([{ field: '', message: 'give paymentStatus, shipmentStatus or notes' }]);
    return groups;
  }

  /** A note on the order's history by a person (EverShop's addOrderActivityLog); the order itself is unchanged. */
  addNote(order: Order, message: string, customerNotified: boolean, author: string): OrderChange {
    const change = { patch: {}, history: [this.entry('note', {}, message, customerNotified, author)], events: [] };
    return this.announceToCustomer(order, change);
  }

  /**
   * A message the notification service sent (or gave up on), on the timeline for staff. The customer
   * is not told of it again, and the order does not change: this answers only the history entry.
   */
  recordNotification(outcome: { notificationId: string; channel: string; template: string; description: string; error?: string | null }): HistoryEntry {
    const sent = !outcome.error;
    const data = { notificationId: outcome.notificationId, channel: outcome.channel, template: outcome.template, ...(sent ? {} : { error: outcome.error }) };
    const message = sent ? outcome.description : `${outcome.description} failed: ${outcome.error}`;
    return this.entry(sent ? 'notification_sent' : 'notification_failed', data, message, false, SYSTEM);
  }

  /** A payment event the ledger refused, kept on the history for the back office. */
  rejectPaymentEvent(event: { id: string; type: string; amount: number; currency: string; reference: string }, provider: string, reason: string, author: string): OrderChange {
    const message = `Payment event ${event.id} from ${provider} (${event.type} of ${formatMoney(event.amount, event.currency)}, ${event.reference}) was not applied: ${reason}`;
    return { patch: {}, history: [this.entry('payment_event_rejected', { eventId: event.id, provider, reason }, message, false, author)], events: [] };
  }

  /**
   * What the rules allow now, asked ahead (the back office's buttons, GraphQL's isCancellable): the check
   * `requestCancel` makes, what a shipment needs (stock reserved, something left), money left to refund.
   */
  actions(order: OrderWithDetails): OrderActionsView {
    const open = !this.isCanceled(order) && !order.cancelPending;
    return {
      cancel: open && this.statuses.isCancelable(order.paymentStatus, order.shipmentStatus),
      ship: open && order.inventoryStatus === 'reserved' && order.items.some((item) => item.shippedQty < item.qty),
      refund: refundable(totalsOf(order.ledger)) > 0,
    };
  }

  isCanceled(order: Pick<Order, 'status'>): boolean {
    return order.status === this.statuses.resolve('canceled', 'canceled');
  }

  private cancel(order: Order, reason: string, inventoryStatus: InventoryStatus, history: HistoryEntry[], cause: OrderCanceledPayload['cause']): OrderChange {
    const payload: OrderCanceledPayload = { orderId: order.id, orderNumber: order.orderNumber, reason, cause };
    return {
      patch: {
        paymentStatus: 'canceled', shipmentStatus: 'canceled', status: this.statuses.resolve('canceled', 'canceled'),
        inventoryStatus, cancelReason: reason, cancelPending: false, canceledAt: new Date(),
      },
      history,
      events: [this.event(order, EventTypes.OrderCanceled, payload)],
    };
  }

  private ledgerStatus(order: Order, derived: string): string {
    return order.paymentStatus === 'canceled' ? 'canceled' : derived;
  }

  /** Moves payment and/or shipment status, resolves the order status, and announces it when anything moved. */
  private withStatuses(order: Order, next: Partial<Pick<Order, 'paymentStatus' | 'shipmentStatus'>>, history: HistoryEntry[]): OrderChange {
    const paymentStatus = next.paymentStatus ?? order.paymentStatus;
    const shipmentStatus = next.shipmentStatus ?? order.shipmentStatus;
    const status = this.statuses.resolve(paymentStatus, shipmentStatus);
    const moved = status !== order.status || paymentStatus !== order.paymentStatus || shipmentStatus !== order.shipmentStatus;
    const payload: OrderStatusChangedPayload = { orderId: order.id, orderNumber: order.orderNumber, status, paymentStatus, shipmentStatus, previousStatus: order.status };
    return { patch: { status, paymentStatus, shipmentStatus }, history, events: moved ? [this.event(order, EventTypes.OrderStatusChanged, payload)] : [] };
  }

  /** `order.customer_notified` for each customer-visible entry of the change: no other event tells the customer of these. */
  private announceToCustomer(order: Order, change: OrderChange): OrderChange {
    const announced = change.history.filter((entry) => entry.customerNotified).map((entry) => {
      const payload: OrderCustomerNotifiedPayload = { orderId: order.id, orderNumber: order.orderNumber, activityType: entry.type, message: entry.message };
      // a note leaves the order (and so its version) as it was
      const aggregateVersion = Object.keys(change.patch).length ? order.version + 1 : order.version;
      return { type: EventTypes.OrderCustomerNotified, aggregateId: order.id, aggregateVersion, payload };
    });
    return { ...change, events: [...change.events, ...announced] };
  }

  /** An event of this order, stamped with the version the change gives it. */
  private event<T extends object>(order: Order, type: string, payload: T): NewEvent<T> {
    return { type, aggregateId: order.id, aggregateVersion: order.version + 1, payload };
  }

  private entry(type: HistoryEntry['type'], data: Record<string, unknown>, message: string, customerNotified: boolean, author: string): HistoryEntry {
    return { type, data, message, customerNotified, author };
  }
}
