import { Injectable } from '@nestjs/common';
import { AppError } from '@oms/platform';
import { packingSlip } from '../documents/packing-slip';
import { ShipmentRepository } from '../persistence/shipment.repository';

/** A shipment's packing slip, base64 in the RPC reply (the gateway answers it as application/pdf). */
@Injectable()
export class PackingSlipQuery {
  constructor(private readonly shipments: ShipmentRepository) {}

  async execute(orderRef: string, shipmentId: string): Promise<{ fileName: string; pdfBase64: string }> {
    const order = await this.shipments.findOrder(orderRef);
    const [shipment] = order ? await this.shipments.shipmentsOf(order.orderId, shipmentId) : [];
    if (!order || !shipment) throw AppError.notFound(`Shipment ${shipmentId} of order ${orderRef} was not found.`);
    const pdf = await packingSlip(order, shipment);
    return { fileName: `packing-slip-${shipment.shipmentNumber}.pdf`, pdfBase64: pdf.toString('base64') };
  }
}
