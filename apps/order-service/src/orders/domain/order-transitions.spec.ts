import { describeShortage, rollUpShipmentStatus } from './order-transitions';

describe('rollUpShipmentStatus', () => {
  it.each([
    ['shipped', true, ['shipped'], 'shipped'],
    ['shipped', true, ['delivered'], 'delivered'],
    ['shipped', true, ['delivered', 'in_transit'], 'partially_delivered'],
    ['partially_shipped', false, ['delivered'], 'partially_delivered'],
    ['partially_delivered', true, ['delivered', 'delivered'], 'delivered'],
    ['delivered', true, ['returned'], 'returned'],
    ['delivered', true, ['returned', 'delivered'], 'partially_delivered'],
    ['shipped', true, ['exception'], 'shipped'],
  ])('%s with all shipped %s and shipments %j is %s', (current, allShipped, shipments, expected) => {
    expect(rollUpShipmentStatus(current, allShipped, shipments)).toBe(expected);
  });
});

describe('describeShortage', () => {
  it('names each short SKU, never with negative availability', () => {
    expect(describeShortage([{ sku: 'A', requested: 3, available: 1 }, { sku: 'B', requested: 1, available: -2 }]))
      .toBe('A (requested 3, available 1), B (requested 1, available 0)');
  });
});
