import PDFDocument from 'pdfkit';
import { OrderReplica, Shipment } from '../persistence/shipment.repository';

const ADDRESS_LINES = ['fullName', 'address1', 'address2', 'postcode', 'city', 'province', 'country', 'telephone'];

/**
 * The packing slip of one shipment as a PDF: order and shipment numbers, carrier and tracking, the
 * ship-to address, and each item with its SKU and the quantity in this parcel.
 */
export function packingSlip(order: OrderReplica, shipment: Shipment): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 50, info: { Title: `Packing slip ${shipment.shipmentNumber}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.fontSize(20).text('Packing slip');
  doc.moveDown(0.5).fontSize(11);
  doc.text(`Order: ${order.orderNumber}`);
  doc.text(`Shipment: ${shipment.shipmentNumber}`);
  doc.text(`Carrier: ${shipment.carrier}${shipment.trackingNumber ? ` (tracking ${shipment.trackingNumber})` : ''}`);
  if (shipment.shippedAt) doc.text(`Shipped: ${new Date(shipment.shippedAt).toISOString().slice(0, 10)}`);

  doc.moveDown().fontSize(13).text('Ship to');
  doc.fontSize(11);
  const address = order.shippingAddress ?? {};
  const lines = ADDRESS_LINES.map((key) => address[key]).filter(Boolean);
  for (const line of lines.length ? lines : [order.customerName ?? '']) doc.text(String(line));

  doc.moveDown().fontSize(13).text('Items');
  doc.fontSize(11);
  const names = new Map((order.lines ?? []).map((line) => [line.orderItemId, line.name]));
  for (const item of shipment.items) {
    doc.text(`${item.qty} x ${item.sku} ${names.get(item.orderItemId) ?? ''}`.trimEnd());
  }
  doc.moveDown().text(`Units in this parcel: ${shipment.items.reduce((sum, item) => sum + item.qty, 0)}`);
  doc.end();
  return done;
}
