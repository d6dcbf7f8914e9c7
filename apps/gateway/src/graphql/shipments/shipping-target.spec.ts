import { OrderView, ShipmentView } from '@oms/contracts';
import { AppError } from '@oms/platform';
import { deliverable, shippingTarget } from './shipping-target';

const order = (ship: boolean) => ({ orderNumber: 'ORD-1', actions: { ship, cancel: false, refund: false } }) as OrderView;
const shipment = (shipmentId: string, status: string) => ({ shipmentId, status }) as ShipmentView;
const refusal = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    return (error as AppError).status;
  }
  return null;
};

describe('which shipment a shipping change is for', () => {
  const shipments = [shipment('s-1', 'delivered'), shipment('s-2', 'in_transit'), shipment('s-3', 'canceled')];

  it('is the named shipment of the order, or NOT_FOUND for one of another order', () => {
    expect(shippingTarget(order(true), shipments, 's-1')).toEqual({ create: false, shipment: shipments[0] });
    expect(refusal(() => shippingTarget(order(true), shipments, 's-9'))).toBe(404);
  });

  it('is a new shipment while something is left to ship, else the newest shipment on its way', () => {
    expect(shippingTarget(order(true), shipments)).toEqual({ create: true });
    expect(shippingTarget(order(false), [...shipments, shipment('s-4', 'shipped')])).toEqual({ create: false, shipment: shipment('s-4', 'shipped') });
    expect(shippingTarget(order(false), shipments)).toEqual({ create: false, shipment: shipments[1] });
  });

  it('is a conflict when nothing is left and nothing is on its way', () => {
    expect(refusal(() => shippingTarget(order(false), [shipment('s-1', 'delivered')]))).toBe(409);
  });

  it('delivers every shipment on its way, or the one named, and refuses when none is', () => {
    expect(deliverable(order(false), [...shipments, shipment('s-4', 'pending')]).map((s) => s.shipmentId)).toEqual(['s-2', 's-4']);
    expect(deliverable(order(false), shipments, 's-2')).toEqual([shipments[1]]);
    expect(refusal(() => deliverable(order(true), [shipment('s-1', 'delivered')]))).toBe(409);
  });
});
