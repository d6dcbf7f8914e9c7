import { Injectable } from '@nestjs/common';
import { parseApiDate, RpcMeta, ShipmentView, UpdateShipmentDto } from '@oms/contracts';
import { UnitOfWork } from '@oms/messaging';
import { AppError } from '@oms/platform';
import carriers from '../domain/carriers.json';
import { trackingUrl } from '../domain/shipment-plan';
import { ShipmentRepository } from '../persistence/shipment.repository';
import { toShipmentView } from '../shipment-view.mapper';
import { TrackingUpdates } from './tracking-updates';

/**
 * Changes a shipment's carrier, tracking number or URL, and moves its status forward. Every status
 * update goes into the tracking history; one older than the last applied is kept there without changing
 * the status; a backward move is a 409. An applied change emits `shipment.status_changed` (and
 * `shipment.delivered`), from which the order rolls up its shipment status.
 */
@Injectable()
export class UpdateShipmentCommand {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly shipments: ShipmentRepository,
    private readonly tracking: TrackingUpdates,
  ) {}

  async execute(orderRef: string, shipmentId: string, request: UpdateShipmentDto, _meta: RpcMeta): Promise<ShipmentView> {
    if (Object.values(request).every((value) => value === undefined)) throw AppError.validation([{ field: '', message: 'give carrier, trackingNumber, trackingUrl or status' }]);
    await this.unitOfWork.run(async (manager) => {
      const shipment = await this.shipments.lockShipment(manager, orderRef, shipmentId);
      if (!shipment) throw AppError.notFound(`Shipment ${shipmentId} of order ${orderRef} was not found.`);
      if (request.carrier || request.trackingNumber || request.trackingUrl) {
        const carrier = request.carrier ?? shipment.carrier;
        const number = request.trackingNumber ?? shipment.trackingNumber;
        await this.shipments.updateDetails(manager, shipment.id, {
          carrier, trackingNumber: number, trackingUrl: request.trackingUrl ?? trackingUrl(carriers, carrier, number),
        });
      }
      if (!request.status) return;
      const update = { status: request.status, occurredAt: request.occurredAt ? parseApiDate(request.occurredAt)! : new Date(), source: 'api' };
      const decision = this.tracking.decide(shipment, update.status, update.occurredAt);
      if (!decision.apply && decision.reason === 'backwards') throw AppError.conflict(`Shipment ${shipment.shipmentNumber}: ${decision.detail}.`);
      await this.tracking.record(manager, shipment, update, decision);
    });
    const [shipment] = (await this.shipments.listForOrder(orderRef, shipmentId)) ?? [];
    return toShipmentView(shipment);
  }
}
