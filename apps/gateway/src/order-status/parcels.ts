import { OrderStatusPageView, ParcelView, ShipmentView } from '@oms/contracts';

/** The parcels of the customer's page: every shipment not voided, its items by name, its applied tracking. */
export function toParcels(shipments: ShipmentView[], items: OrderStatusPageView['items']): ParcelView[] {
  const nameOf = new Map(items.map((item) => [item.sku, item.name]));
  return shipments
    .filter((shipment) => shipment.status !== 'canceled')
    .map((shipment) => ({
      shipmentNumber: shipment.shipmentNumber,
      carrier: shipment.carrier,
      trackingNumber: shipment.trackingNumber,
      trackingUrl: shipment.trackingUrl,
      status: shipment.status,
      items: shipment.items.map((item) => ({ name: nameOf.get(item.sku) ?? item.sku, qty: item.qty })),
      history: shipment.trackingHistory.filter((entry) => entry.applied).map((entry) => ({ status: entry.status, occurredAt: entry.occurredAt })),
    }));
}
