import { EventEnvelope } from '@oms/contracts';
import { toLiveChange } from './live-feed';

const envelope = (type: string, payload: unknown, aggregateId = 'agg-1'): EventEnvelope =>
  ({ id: 'e', type, version: 1, occurredAt: '2026-12-01T10:00:00.000Z', correlationId: 'c', causationId: null, aggregateId, aggregateVersion: 0, payload } as unknown as EventEnvelope);

describe('toLiveChange', () => {
  it('names the order of an order event by its aggregate, and its number', () => {
    expect(toLiveChange(envelope('order.placed', { orderNumber: 'ORD-1', items: [{ sku: 'A' }, { sku: 'A' }] }, 'o-1')))
      .toEqual({ type: 'order.placed', orderId: 'o-1', orderNumber: 'ORD-1', skus: ['A'], occurredAt: '2026-12-01T10:00:00.000Z' });
  });

  it('takes the order and SKUs of other events from their payload', () => {
    expect(toLiveChange(envelope('inventory.reserved', { orderId: 'o-2', lines: [{ sku: 'B' }] }))).toMatchObject({ orderId: 'o-2', skus: ['B'] });
    expect(toLiveChange(envelope('inventory.low_stock', { sku: 'C' }))).toMatchObject({ orderId: null, skus: ['C'] });
  });

  it('reads a payload of an unexpected shape without failing', () => {
    expect(toLiveChange(envelope('shipment.created', { orderId: 7, items: 'x' }))).toMatchObject({ orderId: null, skus: [] });
    expect(toLiveChange(envelope('ops.x', null))).toMatchObject({ orderId: null, skus: [] });
  });
});
