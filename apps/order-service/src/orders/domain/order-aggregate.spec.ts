import { EventTypes } from '@oms/contracts';
import { AppError } from '@oms/platform';
import { Order, OrderWithDetails } from './order';
import { OrderAggregate, OrderChange } from './order-aggregate';
import { OrderStatuses, StatusConfig, validateStatusConfig } from './order-statuses';
import statusJson from './order-statuses.json';

const aggregate = new OrderAggregate(new OrderStatuses(validateStatusConfig(JSON.parse(JSON.stringify(statusJson)) as StatusConfig)));

const order = (overrides: Partial<Order> = {}): Order => ({
  id: '00000000-0000-4000-8000-000000000001', orderNumber: 'ORD-000001', currency: 'EUR', customerId: 'c-1', customerEmail: 'ann@example.com',
  customerFullName: 'Ann', customerPhone: null, customerSmsOptIn: false, customerLocale: null, status: 'pending', paymentStatus: 'pending', shipmentStatus: 'pending', inventoryStatus: 'reserved',
  shippingAddress: {}, billingAddress: {}, shippingMethod: null, paymentMethod: 'card', coupon: null, orderType: 'regular',
  estimatedFulfillmentDate: null, notes: null, metadata: null, subTotal: 1000, discountAmount: 0, taxAmount: 0, shippingFee: 0, grandTotal: 1000,
  totalQty: 2, totalWeight: null, cancelReason: null, canceledAt: null, cancelPending: false, version: 3, createdAt: new Date(), updatedAt: new Date(),
  ...overrides,
});

const refusal = (work: () => unknown): AppError | undefined => {
  try {
    work();
  } catch (error) {
    return error as AppError;
  }
  return undefined;
};
const types = (change: OrderChange | null) => ({ history: change?.history.map((h) => h.type), events: change?.events.map((e) => e.type) });

describe('OrderAggregate', () => {
  it('places an order with each group’s default status, reserving its stock, at version 1', () => {
    const placed = aggregate.place({ ...order(), items: [], activities: [], shipments: [], ledger: [], refunds: [] } as Omit<OrderWithDetails, 'status'>);
    expect(placed).toMatchObject({ status: 'pending', paymentStatus: 'pending', shipmentStatus: 'pending', inventoryStatus: 'reserving', cancelPending: false, version: 1 });
    const { history, events } = aggregate.placed({ ...placed, items: [{ id: 'i-1', sku: 'A', name: 'A', qty: 2 } as OrderWithDetails['items'][0]] }, 'checkout');
    expect(history).toEqual({ type: 'order_placed', data: { orderNumber: 'ORD-000001' }, message: 'Order ORD-000001 placed', customerNotified: true, author: 'checkout' });
    expect(events).toEqual([expect.objectContaining({ type: EventTypes.OrderPlaced, aggregateVersion: 1 })]);
    expect(events[0].payload).toMatchObject({ lines: [{ orderItemId: 'i-1', sku: 'A', name: 'A', qty: 2 }] });
  });

  it('records a reservation as a typed history entry', () => {
    expect(aggregate.recordReservation()).toMatchObject({ type: 'stock_reserved', customerNotified: false, author: 'system' });
  });

  describe('a failed reservation', () => {
    it('cancels an order still reserving, naming what was short, with the next version', () => {
      const change = aggregate.failReservation(order({ inventoryStatus: 'reserving' }), { shortLines: [{ sku: 'A', requested: 3, available: 1 }] })!;
      expect(change.patch).toMatchObject({ status: 'canceled', paymentStatus: 'canceled', shipmentStatus: 'canceled', inventoryStatus: 'failed', cancelPending: false, cancelReason: 'Out of stock: A (requested 3, available 1)' });
      expect(change.history).toEqual([expect.objectContaining({ type: 'order_canceled', message: 'Order canceled. Out of stock: A (requested 3, available 1)', customerNotified: true })]);
      expect(change.events).toEqual([expect.objectContaining({ type: EventTypes.OrderCanceled, aggregateVersion: 4 })]);
    });

    it('tells the customer plainly and staff the detail when the order could not be reserved at all', () => {
      const change = aggregate.failReservation(order({ inventoryStatus: 'reserving' }), { shortLines: [], detail: 'value out of range' })!;
      expect(change.history.map((h) => [h.type, h.customerNotified, h.message])).toEqual([
        ['order_canceled', true, 'Order canceled. Stock could not be reserved for this order'],
        ['reservation_failed', false, 'Inventory could not reserve the order: value out of range'],
      ]);
    });

    it('changes nothing on an order that is no longer reserving', () => {
      expect(aggregate.failReservation(order({ inventoryStatus: 'reserved' }), { shortLines: [{ sku: 'A', requested: 1, available: 0 }] })).toBeNull();
    });
  });

  describe('allowed actions', () => {
    const item = (qty: number, shippedQty: number) => ({ id: 'i-1', sku: 'A', name: 'A', qty, shippedQty }) as OrderWithDetails['items'][0];
    const entry = (type: 'capture' | 'refund', amount: number) => ({ id: type, orderId: 'o', type, amount, currency: 'EUR', provider: 'psp', reference: type, note: null, author: 'a', createdAt: new Date() });
    const detailed = (overrides: Partial<OrderWithDetails> = {}): OrderWithDetails =>
      ({ ...order(), items: [item(2, 0)], activities: [], shipments: [], ledger: [], refunds: [], ...overrides });

    it('allows cancel and ship on a reserved, unpaid, unshipped order, and no refund without money captured', () => {
      expect(aggregate.actions(detailed())).toEqual({ cancel: true, ship: true, refund: false });
    });

    it('refuses cancel once paid, as requestCancel does, and allows a refund of what was captured and not refunded', () => {
      const paid = detailed({ paymentStatus: 'paid', ledger: [entry('capture', 1000)] });
      expect(aggregate.actions(paid)).toMatchObject({ cancel: false, refund: true });
      expect(refusal(() => aggregate.requestCancel(paid, 'r', 'staff'))?.status).toBe(409);
      expect(aggregate.actions(detailed({ ledger: [entry('capture', 1000), entry('refund', 1000)] })).refund).toBe(false);
    });

    it('allows shipping only with stock reserved and something left, never on a canceled order or one being canceled', () => {
      expect(aggregate.actions(detailed({ inventoryStatus: 'reserving' })).ship).toBe(false);
      expect(aggregate.actions(detailed({ items: [item(2, 2)] })).ship).toBe(false);
      expect(aggregate.actions(detailed({ cancelPending: true }))).toMatchObject({ cancel: false, ship: false });
      expect(aggregate.actions(detailed({ status: 'canceled', paymentStatus: 'canceled', shipmentStatus: 'canceled' }))).toMatchObject({ cancel: false, ship: false });
    });
  });

  describe('cancellation', () => {
    it('is requested while payment and shipment are cancelable, and holds the order', () => {
      const change = aggregate.requestCancel(order(), 'changed my mind', 'c-1')!;
      expect(change.patch).toEqual({ cancelPending: true, cancelReason: 'changed my mind' });
      expect(types(change)).toEqual({ history: ['cancel_requested'], events: [EventTypes.OrderCancelRequested] });
      expect(change.history[0].data).toEqual({ reason: 'changed my mind' });
    });

    it('is refused once the order is paid or shipped', () => {
      expect(refusal(() => aggregate.requestCancel(order({ paymentStatus: 'paid' }), 'x', 'a'))).toMatchObject({ status: 409, message: expect.stringContaining('not cancelable: payment paid') });
      expect(refusal(() => aggregate.requestCancel(order({ shipmentStatus: 'shipped' }), 'x', 'a'))?.status).toBe(409);
    });

    it('does nothing twice', () => {
      expect(aggregate.requestCancel(order({ cancelPending: true }), 'x', 'a')).toBeNull();
      expect(aggregate.requestCancel(order({ status: 'canceled', paymentStatus: 'canceled', shipmentStatus: 'canceled' }), 'x', 'a')).toBeNull();
    });

    it('completes a pending cancel: canceled statuses, stock released, order.canceled', () => {
      const change = aggregate.completeCancel(order({ cancelPending: true, cancelReason: 'changed my mind' }))!;
      expect(change.patch).toMatchObject({ status: 'canceled', inventoryStatus: 'released', cancelPending: false });
      expect(change.events[0].payload).toMatchObject({ reason: 'changed my mind' });
      expect(aggregate.completeCancel(order({ cancelPending: true, inventoryStatus: 'failed' }))!.patch.inventoryStatus).toBe('failed');
      expect(aggregate.completeCancel(order())).toBeNull();
    });

    it('is refused by the shipment service with a typed entry the cancel command can read', () => {
      const change = aggregate.refuseCancel(order({ cancelPending: true, cancelReason: 'x' }), 'shipment SHP-1 exists')!;
      expect(change.patch).toEqual({ cancelPending: false, cancelReason: null });
      expect(change.history).toEqual([expect.objectContaining({ type: 'cancel_refused', data: { reason: 'shipment SHP-1 exists' } })]);
      expect(change.events).toEqual([]);
      expect(aggregate.refuseCancel(order(), 'x')).toBeNull();
    });
  });

  describe('shipments', () => {
    const shipment = { shipmentNumber: 'SHP-1', carrier: 'ups', trackingNumber: '1Z', notifyCustomer: true };

    it('roll the order up as units ship and announce the status change', () => {
      const partly = aggregate.applyShipment(order(), shipment, [{ qty: 2, shippedQty: 1 }], ['shipped']);
      expect(partly.patch).toEqual({ status: 'shipped', paymentStatus: 'pending', shipmentStatus: 'partially_shipped' });
      expect(partly.history[0]).toMatchObject({ type: 'shipment_created', message: 'Shipment SHP-1 created via ups, tracking 1Z', customerNotified: true });
      expect(partly.events[0]).toMatchObject({ type: EventTypes.OrderStatusChanged, aggregateVersion: 4, payload: { previousStatus: 'pending', status: 'shipped' } });
    });

    it('are refused for a canceled order', () => {
      expect(refusal(() => aggregate.applyShipment(order({ status: 'canceled' }), shipment, [], []))?.status).toBe(409);
    });

    it('roll up deliveries and returns, telling the customer what matters to them', () => {
      const delivered = aggregate.applyShipmentStatus(order({ shipmentStatus: 'shipped', status: 'shipped' }), { shipmentNumber: 'SHP-1', status: 'delivered' }, [{ qty: 2, shippedQty: 2 }], ['delivered']);
      expect(delivered.patch.shipmentStatus).toBe('delivered');
      expect(delivered.history[0]).toMatchObject({ type: 'shipment_updated', data: { shipmentNumber: 'SHP-1', status: 'delivered' }, customerNotified: true });
      const transit = aggregate.applyShipmentStatus(order({ shipmentStatus: 'shipped', status: 'shipped' }), { shipmentNumber: 'SHP-1', status: 'in_transit' }, [{ qty: 2, shippedQty: 2 }], ['in_transit']);
      expect(transit.history[0].customerNotified).toBe(false);
      expect(transit.events).toEqual([]); // nothing moved
    });
  });

  describe('payments', () => {
    const capture = { type: 'capture' as const, amount: 1000, currency: 'EUR', provider: 'stripe', reference: 'ch_1', note: null };

    it('move the payment status to what the ledger adds up to', () => {
      const change = aggregate.recordPayment(order(), capture, 'paid', 'admin');
      expect(change.patch).toEqual({ status: 'processing', paymentStatus: 'paid', shipmentStatus: 'pending' });
      expect(change.history[0]).toMatchObject({ type: 'payment_recorded', message: 'Payment of 10.00 EUR captured (stripe, ch_1)', customerNotified: true, data: capture });
    });

    it('leave a canceled order canceled', () => {
      const canceled = order({ status: 'canceled', paymentStatus: 'canceled', shipmentStatus: 'canceled' });
      expect(aggregate.recordPayment(canceled, { ...capture, type: 'void' }, 'pending', 'admin').patch.paymentStatus).toBe('canceled');
    });

    it('refund with order.refunded for the lines to restock', () => {
      const refund = { refundId: 'r-1', amount: 1000, currency: 'EUR', reason: 'broken', lines: [{ orderItemId: 'i-1', sku: 'A', qty: 1, restock: true }] };
      const change = aggregate.refund(order({ paymentStatus: 'paid', status: 'processing' }), refund, 'refunded', 'admin');
      expect(change.patch).toMatchObject({ paymentStatus: 'refunded', status: 'refunded' });
      expect(types(change)).toEqual({ history: ['refund_recorded'], events: [EventTypes.OrderStatusChanged, EventTypes.OrderRefunded] });
      expect(change.history[0].message).toBe('Refunded 10.00 EUR: broken (restocking 1 × A)');
      expect(change.events.every((e) => e.aggregateVersion === 4)).toBe(true);
    });

    it('keep a rejected provider event on the history without touching the order', () => {
      const change = aggregate.rejectPaymentEvent({ id: 'evt_1', type: 'capture', amount: 500, currency: 'EUR', reference: 'ch_2' }, 'stripe', 'beyond the total', 'webhook:stripe');
      expect(change).toMatchObject({ patch: {}, events: [], history: [{ type: 'payment_event_rejected', data: { eventId: 'evt_1', provider: 'stripe', reason: 'beyond the total' } }] });
    });
  });

  describe('direct status changes', () => {
    it('follow the configured transitions, with an entry per change', () => {
      const change = aggregate.changeStatus(order(), { paymentStatus: 'paid', shipmentStatus: 'processing' }, 'admin')!;
      expect(change.patch).toEqual({ status: 'processing', paymentStatus: 'paid', shipmentStatus: 'processing' });
      expect(change.history.map((h) => h.data)).toEqual([{ group: 'paymentStatus', from: 'pending', to: 'paid' }, { group: 'shipmentStatus', from: 'pending', to: 'processing' }]);
    });

    it('are refused where the transitions forbid them, naming what is allowed', () => {
      expect(refusal(() => aggregate.changeStatus(order({ paymentStatus: 'refunded' }), { paymentStatus: 'paid' }, 'admin'))?.message).toBe('Payment status cannot change from refunded to paid: refunded is final.');
      expect(refusal(() => aggregate.changeStatus(order(), { paymentStatus: 'canceled' }, 'admin'))?.message).toContain('use POST /api/orders/{id}/cancel');
      expect(refusal(() => aggregate.changeStatus(order({ cancelPending: true }), { paymentStatus: 'paid' }, 'admin'))?.status).toBe(409);
    });

    it('refuse unknown statuses and empty requests with 400s', () => {
      expect(refusal(() => aggregate.requestedGroups({ paymentStatus: 'constructor' }))).toMatchObject({ status: 400, errors: [{ field: 'paymentStatus' }] });
      expect(refusal(() => aggregate.requestedGroups({}))?.status).toBe(400);
    });

    it('update notes alone, and change nothing when nothing differs', () => {
      expect(aggregate.changeStatus(order(), { notes: 'gift wrap' }, 'admin')).toMatchObject({ patch: { notes: 'gift wrap' }, history: [{ type: 'notes_updated' }], events: [] });
      expect(aggregate.changeStatus(order({ notes: 'same' }), { notes: 'same', paymentStatus: 'pending' }, 'admin')).toBeNull();
    });
  });

  it('adds a person’s note without changing the order', () => {
    expect(aggregate.addNote(order(), 'called the customer', false, 'admin')).toEqual({
      patch: {}, events: [], history: [{ type: 'note', data: {}, message: 'called the customer', customerNotified: false, author: 'admin' }],
    });
  });

  it('tells the customer of a customer-visible note, at the order’s unchanged version', () => {
    const change = aggregate.addNote(order(), 'Your parcel leaves tomorrow', true, 'admin');
    expect(change.events).toEqual([{
      type: EventTypes.OrderCustomerNotified, aggregateId: order().id, aggregateVersion: 3,
      payload: { orderId: order().id, orderNumber: 'ORD-000001', activityType: 'note', message: 'Your parcel leaves tomorrow' },
    }]);
  });

  it('tells the customer of a parcel held up, but leaves delivery to its own message', () => {
    const items = [{ qty: 2, shippedQty: 2 }];
    const held = aggregate.applyShipmentStatus(order({ shipmentStatus: 'shipped' }), { shipmentNumber: 'SHP-1', status: 'exception' }, items, ['exception']);
    expect(types(held).events).toContain(EventTypes.OrderCustomerNotified);
    const delivered = aggregate.applyShipmentStatus(order({ shipmentStatus: 'shipped' }), { shipmentNumber: 'SHP-1', status: 'delivered' }, items, ['delivered']);
    expect(types(delivered).events).not.toContain(EventTypes.OrderCustomerNotified);
  });

  it('announces each payment ledger entry with the status it adds up to', () => {
    const change = aggregate.recordPayment(order(), { type: 'capture', amount: 1000, currency: 'EUR', provider: 'stripe', reference: 'ch_1', note: null }, 'paid', 'admin');
    expect(change.events.find((e) => e.type === EventTypes.OrderPaymentRecorded)?.payload).toEqual({
      orderId: order().id, orderNumber: 'ORD-000001', type: 'capture', amount: 1000, currency: 'EUR', provider: 'stripe', reference: 'ch_1', paymentStatus: 'paid',
    });
  });

  it('says why an order was canceled: asked for, or its stock could not be reserved', () => {
    const failed = aggregate.failReservation(order({ inventoryStatus: 'reserving' }), { shortLines: [{ sku: 'A', requested: 2, available: 0 }] });
    expect(failed?.events[0].payload).toMatchObject({ cause: 'reservation_failed' });
    const requested = aggregate.completeCancel(order({ cancelPending: true, cancelReason: 'changed mind' }));
    expect(requested?.events[0].payload).toMatchObject({ cause: 'requested', reason: 'changed mind' });
  });

  it('puts a notification on the timeline without changing the order or telling the customer again', () => {
    expect(aggregate.recordNotification({ notificationId: 'n-1', channel: 'email', template: 'order-shipped', description: 'Shipping confirmation emailed to ann@example.com' }))
      .toEqual({ type: 'notification_sent', data: { notificationId: 'n-1', channel: 'email', template: 'order-shipped' },
        message: 'Shipping confirmation emailed to ann@example.com', customerNotified: false, author: 'system' });
    expect(aggregate.recordNotification({ notificationId: 'n-2', channel: 'sms', template: 'order-shipped', description: 'Shipping text to +4915112345678', error: 'timeout' }))
      .toMatchObject({ type: 'notification_failed', message: 'Shipping text to +4915112345678 failed: timeout' });
  });
});
