import { Injectable } from '@nestjs/common';
import { ShipmentView } from '@oms/contracts';
import { AppError } from '@oms/platform';
import { ShipmentRepository } from '../persistence/shipment.repository';
import { toShipmentView } from '../shipment-view.mapper';

@Injectable()
export class ListShipmentsQuery {
  constructor(private readonly shipments: ShipmentRepository) {}

  async forOrder(orderRef: string): Promise<{ items: ShipmentView[] }> {
    const shipments = await this.shipments.listForOrder(orderRef);
    if (!shipments) throw AppError.notFound(`Order ${orderRef} was not found.`);
    return { items: shipments.map(toShipmentView) };
  }

  /** The shipments of several orders at once (unknown orders have none). */
  async forOrders(orderIds: string[]): Promise<{ items: ShipmentView[] }> {
    return { items: (await this.shipments.shipmentsOfOrders(orderIds)).map(toShipmentView) };
  }
}
