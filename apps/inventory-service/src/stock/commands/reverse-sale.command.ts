import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventTypes, ShipmentCanceledPayload } from '@oms/contracts';
import { OnEvent } from '@oms/messaging';
import { StockRepository } from '../persistence/stock.repository';
import { perSku } from './sell-for-shipment.command';

/**
 * Reverses the sale of a shipment voided before pickup, once: the units come back on hand and, while
 * the order still holds its reservation, back to reserved for it (the order still wants them).
 * A cancel that overtakes its shipment's sale is retried until the sale is booked.
 */
@Injectable()
export class ReverseSaleCommand {
  constructor(private readonly stock: StockRepository) {}

  @OnEvent(EventTypes.ShipmentCanceled, ShipmentCanceledPayload)
  async execute(shipment: ShipmentCanceledPayload, manager: EntityManager): Promise<void> {
    const status = await this.stock.lockReservation(manager, shipment.orderId);
    const reversal = await this.stock.claimSaleReversal(manager, shipment.shipmentId);
    if (reversal === 'not_sold') throw new Error(`the sale of shipment ${shipment.shipmentNumber} is not booked yet`);
    if (reversal === 'reversed_already') return;
    const lines = perSku(shipment.items);
    const backToReserved = status === 'reserved';
    await this.stock.lockMany(manager, lines.map((l) => l.sku));
    if (backToReserved) await this.stock.addShipped(manager, shipment.orderId, lines.map((l) => ({ sku: l.sku, qty: -l.qty })));
    await this.stock.move(manager, 'sale', lines.map((l) => ({ sku: l.sku, onHandDelta: l.qty, reservedDelta: backToReserved ? l.qty : 0 })), {
      orderId: shipment.orderId,
      shipmentId: shipment.shipmentId,
      reason: `shipment ${shipment.shipmentNumber} canceled`,
    });
  }
}
