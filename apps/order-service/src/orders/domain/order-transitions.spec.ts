import { describeShortage, rollUpShipmentStatus } from './order-transitions';

describe('rollUpShipmentStatus', () => {
  const all = [{ qty: 2, shippedQty: 2 }];
  const some = [{ qty: 2, shippedQty: 1 }];
  const none = [{ qty: 2, shippedQty: 0 }];
  it.each([
    [all, ['shipped'], 'shipped'],
    [some, ['in_transit'], 'partially_shipped'],
    [none, [], 'pending'],
    [all, ['delivered'], 'delivered'],
    [all, ['delivered', 'in_transit'], 'partially_delivered'],
    [some, ['delivered'], 'partially_delivered'],
    [all, ['returned'], 'returned'],
    [all, ['returned', 'delivered'], 'partially_delivered'],
    [all, ['exception'], 'shipped'],
  ])('items %j with live shipments %j is %s', (items, shipments, expected) => {
    expect(rollUpShipmentStatus(items, shipments)).toBe(expected);
  });
});

describe('describeShortage', () => {
  it('names each short SKU, never with negative availability', () => {
    expect(describeShortage([{ sku: 'A', requested: 3, available: 1 }, { sku: 'B', requested: 1, available: -2 }]))
      .toBe('A (requested 3, available 1), B (requested 1, available 0)');
  });
});
