import { toStatusPage } from './order-status-page';

const at = new Date('2026-12-01T10:00:00Z');
const order = (overrides: Partial<Parameters<typeof toStatusPage>[0]> = {}): Parameters<typeof toStatusPage>[0] => ({
  orderNumber: 'ORD-000001', createdAt: at, currency: 'EUR', grandTotal: 2493, status: 'processing', paymentStatus: 'paid', shipmentStatus: 'pending',
  cancelReason: null, refunds: [], shipments: [],
  items: [{ id: 'i1', position: 0, sku: 'MUG-1', name: 'Mug', qty: 2, price: 999, discountAmount: 0, taxAmount: 0, finalPrice: 999, lineTotal: 1998, weight: null, variantOptions: null, shippedQty: 0 }],
  activities: [
    { id: 'a1', type: 'order_placed', data: {}, message: 'Order placed', customerNotified: true, author: 'system', createdAt: at },
    { id: 'a2', type: 'note', data: {}, message: 'Customer is rude', customerNotified: false, author: 'staff', createdAt: at },
  ],
  ...overrides,
});
const parcel = (status: string) => ({ shipmentId: status, shipmentNumber: `SHP-${status}`, carrier: 'ups', trackingNumber: null, status, items: [], createdAt: at });
const done = (page: ReturnType<typeof toStatusPage>) => page.steps.filter((s) => s.done).map((s) => s.step);

describe('toStatusPage', () => {
  it('shows a new order as confirmed, in decimals, with only the customer-visible updates', () => {
    const page = toStatusPage(order());
    expect(done(page)).toEqual(['confirmed']);
    expect(page).toMatchObject({ outcome: 'in_progress', grandTotal: 24.93, items: [{ name: 'Mug', qty: 2, lineTotal: 19.98 }], updates: [{ message: 'Order placed' }] });
  });

  it('is out for delivery only when every parcel on its way is', () => {
    expect(done(toStatusPage(order({ shipments: [parcel('out_for_delivery'), parcel('in_transit')] })))).toEqual(['confirmed', 'shipped']);
    expect(done(toStatusPage(order({ shipments: [parcel('out_for_delivery'), parcel('delivered'), parcel('canceled')] })))).toEqual(['confirmed', 'shipped', 'out_for_delivery']);
  });

  it('is delivered when the order is', () => {
    const page = toStatusPage(order({ shipmentStatus: 'delivered', shipments: [parcel('delivered')] }));
    expect(page.outcome).toBe('delivered');
    expect(done(page)).toEqual(['confirmed', 'shipped', 'out_for_delivery', 'delivered']);
  });

  it('a voided parcel is not shipped', () => {
    expect(done(toStatusPage(order({ shipments: [parcel('canceled')] })))).toEqual(['confirmed']);
  });

  it('gives the reason of a cancel or a refund', () => {
    expect(toStatusPage(order({ status: 'canceled', cancelReason: 'Out of stock' }))).toMatchObject({ outcome: 'canceled', reason: 'Out of stock' });
    const refund = { id: 'r', reason: 'Damaged', items: [], transaction: {} as never };
    expect(toStatusPage(order({ paymentStatus: 'refunded', refunds: [refund] }))).toMatchObject({ outcome: 'refunded', reason: 'Damaged' });
  });
});
