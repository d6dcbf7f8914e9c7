import carriers from './carriers.json';
import { planShipment, trackingUrl } from './shipment-plan';

const ordered = [
  { orderItemId: 'a', sku: 'A', qty: 3 },
  { orderItemId: 'b', sku: 'B', qty: 1 },
];

describe('planShipment', () => {
  it('ships everything left when no items are given', () => {
    expect(planShipment(ordered, new Map([['a', 1]]))).toEqual({ ok: true, lines: [{ orderItemId: 'a', sku: 'A', qty: 2 }, { orderItemId: 'b', sku: 'B', qty: 1 }] });
  });

  it('ships the requested quantities, summing an item listed twice', () => {
    expect(planShipment(ordered, new Map(), [{ orderItemId: 'a', qty: 1 }, { orderItemId: 'a', qty: 1 }])).toEqual({ ok: true, lines: [{ orderItemId: 'a', sku: 'A', qty: 2 }] });
  });

  it('refuses more than is left, unknown items, and an order with nothing left', () => {
    expect(planShipment(ordered, new Map([['a', 2]]), [{ orderItemId: 'a', qty: 2 }])).toEqual({ ok: false, reason: 'item a (A): 2 requested, 1 left to ship' });
    expect(planShipment(ordered, new Map(), [{ orderItemId: 'z', qty: 1 }])).toEqual({ ok: false, reason: 'item z is not part of the order' });
    expect(planShipment(ordered, new Map([['a', 3], ['b', 1]]))).toEqual({ ok: false, reason: 'every item of the order has shipped already' });
  });
});

describe('trackingUrl', () => {
  it('fills the carrier template, whatever the carrier name’s case', () => {
    expect(trackingUrl(carriers, 'UPS', '1Z999AA10123456784')).toBe('https://www.ups.com/track?tracknum=1Z999AA10123456784');
    expect(trackingUrl(carriers, 'dhl', 'a b/c')).toBe('https://www.dhl.com/en/express/tracking.html?AWB=a%20b%2Fc');
  });

  it('has no URL without a tracking number or for an unknown carrier', () => {
    expect(trackingUrl(carriers, 'UPS', null)).toBeNull();
    expect(trackingUrl(carriers, 'Local Pickup', '123')).toBeNull();
    for (const name of ['constructor', 'toString', '__proto__']) expect(trackingUrl(carriers, name, '123')).toBeNull();
  });
});
