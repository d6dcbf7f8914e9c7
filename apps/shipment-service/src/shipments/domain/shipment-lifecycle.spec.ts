import { decideTrackingUpdate } from './shipment-lifecycle';

const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 12, minute));

describe('decideTrackingUpdate', () => {
  it.each([
    ['shipped', 'in_transit'],
    ['in_transit', 'out_for_delivery'],
    ['out_for_delivery', 'delivered'],
    ['shipped', 'delivered'],
    ['in_transit', 'exception'],
    ['exception', 'in_transit'],
    ['delivered', 'returned'],
    ['shipped', 'canceled'],
  ] as const)('moves forward from %s to %s', (from, to) => {
    expect(decideTrackingUpdate(from, at(0), to, at(1))).toEqual({ apply: true });
  });

  it.each([
    ['delivered', 'in_transit'],
    ['out_for_delivery', 'shipped'],
    ['returned', 'delivered'],
    ['in_transit', 'canceled'],
    ['canceled', 'shipped'],
  ] as const)('never moves backwards from %s to %s', (from, to) => {
    expect(decideTrackingUpdate(from, at(0), to, at(1))).toMatchObject({ apply: false, reason: 'backwards' });
  });

  it('keeps an update older than the last one applied without applying it', () => {
    expect(decideTrackingUpdate('in_transit', at(10), 'delivered', at(5))).toMatchObject({ apply: false, reason: 'stale' });
  });

  it('treats a repeat of the current status as nothing to do', () => {
    expect(decideTrackingUpdate('in_transit', at(0), 'in_transit', at(1))).toMatchObject({ apply: false, reason: 'same' });
  });
});
