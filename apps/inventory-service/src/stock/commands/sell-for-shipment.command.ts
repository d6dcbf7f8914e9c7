import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventTypes, ShipmentCreatedPayload } from '@oms/contracts';
import { OnEvent, PermanentEventError } from '@oms/messaging';
import { StockRepository } from '../persistence/stock.repository';

/** Sums quantities per SKU: a shipment or refund may list a SKU on two lines. */
export function perSku(lines: { sku: string; qty: number }[]): { sku: string; qty: number }[] {
  const totals = new Map<string, number>();
  for (const line of lines) totals.set(line.sku, (totals.get(line.sku) ?? 0) + line.qty);
  return [...totals].map(([sku, qty]) => ({ sku, qty })).sort((a, b) => a.sku.localeCompare(b.sku));
}

/**
 * Books a shipment as a sale, once per shipment: the shipped units leave both on hand and reserved.
 * Shipping more than the order still holds reserved is a broken invariant upstream: it goes to the DLQ
 * for an operator rather than being booked.
 */
@Injectable()
export class SellForShipmentCommand {
  constructor(private readonly stock: StockRepository) {}

  @OnEvent(EventTypes.ShipmentCreated, ShipmentCreatedPayload)
  async execute(shipment: ShipmentCreatedPayload, manager: EntityManager): Promise<void> {
    const status = await this.stock.lockReservation(manager, shipment.orderId);
    if (status !== 'reserved') {
      // not reserved yet (events crossed): retried later; released or failed: never shippable
      const problem = `shipment ${shipment.shipmentNumber} for order ${shipment.orderId} whose reservation is ${status ?? 'unknown'}`;
      if (status === null) throw new Error(problem);
      throw new PermanentEventError(problem);
    }
    if (!(await this.stock.claimOnce(manager, 'shipment_sale', shipment.shipmentId, shipment.orderId))) return;
    const lines = perSku(shipment.items);
    const reserved = new Map((await this.stock.reservationLines(manager, shipment.orderId)).map((l) => [l.sku, l]));
    for (const { sku, qty } of lines) {
      const line = reserved.get(sku);
      if (!line || line.qty - line.shippedQty < qty) {
        throw new PermanentEventError(`shipment ${shipment.shipmentNumber} ships ${qty} × ${sku}, but only ${line ? line.qty - line.shippedQty : 0} are reserved and unshipped`);
      }
    }
    await this.stock.lockMany(manager, lines.map((l) => l.sku));
    await this.stock.addShipped(manager, shipment.orderId, lines);
    await this.stock.move(manager, 'sale', lines.map((l) => ({ sku: l.sku, onHandDelta: -l.qty, reservedDelta: -l.qty })), {
      orderId: shipment.orderId,
      shipmentId: shipment.shipmentId,
    });
  }
}
