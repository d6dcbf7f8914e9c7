import { ShipmentView } from '@oms/contracts';
import { toParcels } from './parcels';

const shipment = (overrides: Partial<ShipmentView>): ShipmentView => ({
  shipmentId: 's', uuid: 's', shipmentNumber: 'SHP-1', orderId: 'o', carrier: 'ups', trackingNumber: '1Z', trackingUrl: 'https://ups.example/1Z', status: 'in_transit',
  note: 'leave at the back door', items: [{ orderItemId: 'i', sku: 'MUG-1', qty: 1 }], shippedAt: null, deliveredAt: null, createdAt: '2026-12-01T10:00:00.000Z',
  trackingHistory: [
    { status: 'shipped', occurredAt: '2026-12-01T10:00:00.000Z', source: 'staff', applied: true },
    { status: 'shipped', occurredAt: '2026-12-01T09:00:00.000Z', source: 'ups', applied: false },
  ],
  ...overrides,
} as ShipmentView);

describe('toParcels', () => {
  it('names the items, keeps the applied tracking, and leaves out voided shipments and staff notes', () => {
    const parcels = toParcels([shipment({}), shipment({ shipmentNumber: 'SHP-2', status: 'canceled' })], [{ sku: 'MUG-1', name: 'Mug', qty: 2, lineTotal: 20 }]);
    expect(parcels).toEqual([{
      shipmentNumber: 'SHP-1', carrier: 'ups', trackingNumber: '1Z', trackingUrl: 'https://ups.example/1Z', status: 'in_transit',
      items: [{ name: 'Mug', qty: 1 }], history: [{ status: 'shipped', occurredAt: '2026-12-01T10:00:00.000Z' }],
    }]);
  });
});
