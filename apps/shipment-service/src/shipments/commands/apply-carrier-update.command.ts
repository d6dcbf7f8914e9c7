import { Injectable } from '@nestjs/common';
import { CarrierTrackingUpdateDto, parseApiDate } from '@oms/contracts';
import { UnitOfWork } from '@oms/messaging';
import { ShipmentRepository } from '../persistence/shipment.repository';
import { TrackingUpdates } from './tracking-updates';

export interface CarrierUpdateResult {
  applied: boolean;
  detail: string;
}

/**
 * A carrier's tracking update (its signature was checked at the gateway). Carriers retry and reorder:
 * a repeat is recognized and ignored, a stale or backward one is kept in the history only, and an
 * unknown tracking number is answered, not failed, so the carrier stops retrying.
 */
@Injectable()
export class ApplyCarrierUpdateCommand {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly shipments: ShipmentRepository,
    private readonly tracking: TrackingUpdates,
  ) {}

  async execute(carrier: string, request: CarrierTrackingUpdateDto): Promise<CarrierUpdateResult> {
    const source = `webhook:${carrier.toLowerCase()}`;
    const occurredAt = parseApiDate(request.occurredAt)!;
    return this.unitOfWork.run(async (manager) => {
      const shipment = await this.shipments.lockShipmentByTracking(manager, carrier, request.trackingNumber);
      if (!shipment) return { applied: false, detail: `no ${carrier} shipment has tracking number ${request.trackingNumber}` };
      if (await this.shipments.hasTrackingEvent(manager, shipment.id, request.status, occurredAt, source)) {
        return { applied: false, detail: 'this update was received already' };
      }
      const decision = this.tracking.decide(shipment, request.status, occurredAt);
      await this.tracking.record(manager, shipment, { status: request.status, occurredAt, source }, decision);
      return decision.apply ? { applied: true, detail: `shipment ${shipment.shipmentNumber} is ${request.status}` } : { applied: false, detail: decision.detail };
    });
  }
}
