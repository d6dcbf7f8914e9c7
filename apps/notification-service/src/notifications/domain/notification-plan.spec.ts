import { EventTypes } from '@oms/contracts';
import { OrderReplica } from '../../orders/order-replica';
import { planMessages, PlanSettings } from './notification-plan';

const order: OrderReplica = {
  orderId: '11111111-1111-4111-8111-111111111111', orderNumber: 'ORD-000001', customerEmail: 'ada@example.com', customerName: 'Ada',
  customerPhone: '+4915112345678', smsOptIn: true, locale: null, currency: 'EUR', lines: [{ orderItemId: '22222222-2222-4222-8222-222222222222', sku: 'MUG', name: 'Mug', qty: 1 }],
  totals: null, grandTotal: 1000, shippingAddress: {}, billingAddress: null,
};
const settings: PlanSettings = { staffEmails: ['ops@shop.test'], staffAlerts: new Set(['inventory.reservation_failed', 'payment.failed']) };
const plan = (type: string, payload: object, overrides: Partial<Parameters<typeof planMessages>[0]> = {}) =>
  planMessages({ type, payload, order, subscribers: [], settings, ...overrides }).map((m) => `${m.channel}:${m.recipient}:${m.template}`);

describe('what an event sends', () => {
  it('confirms a reserved order to the customer by email', () => {
    expect(plan(EventTypes.InventoryReserved, { orderId: order.orderId })).toEqual(['email:ada@example.com:order-confirmed']);
  });

  it('texts shipping and delivery only to an opted-in customer with a phone', () => {
    const shipped = { notifyCustomer: true };
    expect(plan(EventTypes.ShipmentCreated, shipped)).toEqual(['email:ada@example.com:order-shipped', 'sms:+4915112345678:order-shipped']);
    expect(plan(EventTypes.ShipmentCreated, shipped, { order: { ...order, smsOptIn: false } })).toEqual(['email:ada@example.com:order-shipped']);
    expect(plan(EventTypes.ShipmentCreated, { notifyCustomer: false })).toEqual([]);
    expect(plan(EventTypes.ShipmentDelivered, {})).toEqual(['email:ada@example.com:order-delivered', 'sms:+4915112345678:order-delivered']);
    // the order's own cancel is emailed, never texted
    expect(plan(EventTypes.OrderCanceled, { cause: 'requested' })).toEqual(['email:ada@example.com:order-canceled']);
  });

  it('tells of a failed reservation once: the cancel it causes is not emailed again', () => {
    expect(plan(EventTypes.InventoryReservationFailed, {})).toEqual([
      'email:ada@example.com:order-not-fulfilled', 'slack:slack:staff-reservation-failed', 'email:ops@shop.test:staff-reservation-failed',
    ]);
    expect(plan(EventTypes.OrderCanceled, { cause: 'reservation_failed' })).toEqual([]);
  });

  it('alerts staff only for the alerts turned on', () => {
    expect(plan(EventTypes.OrderPlaced, {})).toEqual([]);
    expect(plan(EventTypes.OrderPaymentRecorded, { type: 'failure' })).toEqual(['slack:slack:staff-payment-failed', 'email:ops@shop.test:staff-payment-failed']);
    expect(plan(EventTypes.OrderPaymentRecorded, { type: 'capture' })).toEqual(['email:ada@example.com:payment-received']);
    expect(plan(EventTypes.InventoryLowStock, {}, { order: null })).toEqual([]);
  });

  it('delivers to every subscription whose patterns match, and never internal events', () => {
    const subscribers = [{ id: 'all', events: ['*'] }, { id: 'orders', events: ['order.*'] }, { id: 'ships', events: ['shipment.delivered'] }];
    expect(plan(EventTypes.OrderStatusChanged, {}, { subscribers })).toEqual(['webhook:all:webhook:order.status_changed', 'webhook:orders:webhook:order.status_changed']);
    expect(plan(EventTypes.ShipmentDelivered, {}, { subscribers, order: { ...order, smsOptIn: false } }))
      .toEqual(['email:ada@example.com:order-delivered', 'webhook:all:webhook:shipment.delivered', 'webhook:ships:webhook:shipment.delivered']);
    expect(plan(EventTypes.OrderCancelRequested, {}, { subscribers })).toEqual([]);
    expect(plan(EventTypes.NotificationSent, {}, { subscribers })).toEqual([]);
  });
});
