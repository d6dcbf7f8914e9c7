import { ShipmentView } from '@oms/contracts';
import { Shipment } from './persistence/shipment.repository';

const iso = (date: Date | null) => (date ? new Date(date).toISOString() : null);

export const toShipmentView = (shipment: Shipment): ShipmentView => ({
  shipmentId: shipment.id,
  uuid: shipment.id,
  shipmentNumber: shipment.shipmentNumber,
  orderId: shipment.orderId,
  carrier: shipment.carrier,
  trackingNumber: shipment.trackingNumber,
  trackingUrl: shipment.trackingUrl,
  status: shipment.status,
  note: shipment.note,
  items: shipment.items,
  shippedAt: iso(shipment.shippedAt),
  deliveredAt: iso(shipment.deliveredAt),
  createdAt: iso(shipment.createdAt)!,
  trackingHistory: shipment.trackingHistory.map((t) => ({ ...t, occurredAt: iso(t.occurredAt)! })),
});
