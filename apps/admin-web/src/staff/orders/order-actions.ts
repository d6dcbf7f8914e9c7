import type { OrderSummaryView } from '@contracts/orders/order-queries.dto';
import type { ShipmentView } from '@contracts/orders/shipment.dto';
import { api, fetchApi } from '../../api/client';
import { validateForm } from '../../forms/validate';

/** The API calls behind the order screens' buttons; each validates with the API's DTO first. */
export const orderPath = (id: string, rest = '') => `/api/orders/${encodeURIComponent(id)}${rest}`;

export async function recordPayment(id: string, body: Record<string, unknown>) {
  await validateForm('RecordPaymentDto', body);
  return api(orderPath(id, '/payments'), { method: 'POST', body });
}

/**
 * "Mark paid": a manual capture of the order total. The reference is the order's own, and a provider
 * records (provider, type, reference) once, so marking an order paid twice captures once.
 */
export const markPaid = (order: Pick<OrderSummaryView, 'id' | 'orderNumber' | 'grandTotal'>) =>
  recordPayment(order.id, { type: 'capture', amount: order.grandTotal, provider: 'manual', reference: `manual-${order.orderNumber}` });

export async function ship(id: string, body: Record<string, unknown>) {
  await validateForm('CreateShipmentDto', body);
  return api<ShipmentView>(orderPath(id, '/shipments'), { method: 'POST', body });
}

export async function updateShipment(id: string, shipmentId: string, body: Record<string, unknown>) {
  await validateForm('UpdateShipmentDto', body);
  return api<ShipmentView>(orderPath(id, `/shipments/${shipmentId}`), { method: 'PATCH', body });
}

export async function cancel(id: string, body: Record<string, unknown>) {
  await validateForm('CancelOrderDto', body);
  return api(orderPath(id, '/cancel'), { method: 'POST', body });
}

export async function refund(id: string, body: Record<string, unknown>) {
  await validateForm('CreateRefundDto', body);
  return api(orderPath(id, '/refunds'), { method: 'POST', body });
}

export async function addNote(id: string, body: Record<string, unknown>) {
  await validateForm('AddActivityDto', body);
  return api(orderPath(id, '/activities'), { method: 'POST', body });
}

/** Saves a response (a PDF, a CSV) under a file name, as the browser's download. */
export function download(blob: Blob, fileName: string) {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export async function downloadPackingSlip(orderId: string, shipment: Pick<ShipmentView, 'shipmentId' | 'shipmentNumber'>) {
  const response = await fetchApi(orderPath(orderId, `/shipments/${shipment.shipmentId}/packing-slip`));
  download(await response.blob(), `packing-slip-${shipment.shipmentNumber}.pdf`);
}

/** Every packing slip of an order; says how many, or that nothing has shipped yet. */
export async function downloadPackingSlips(orderId: string): Promise<string> {
  const { items } = await api<{ items: ShipmentView[] }>(orderPath(orderId, '/shipments'));
  const open = items.filter((shipment) => shipment.status !== 'canceled');
  if (!open.length) throw new Error('Nothing has shipped yet: ship it first, then print its packing slip.');
  for (const shipment of open) await downloadPackingSlip(orderId, shipment);
  return `${open.length} packing slip${open.length > 1 ? 's' : ''} downloaded`;
}
