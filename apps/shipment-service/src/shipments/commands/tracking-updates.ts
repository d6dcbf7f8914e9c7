import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { EventTypes, ShipmentCanceledPayload, ShipmentStatusChangedPayload, UNVERSIONED } from '@oms/contracts';
import { enqueueEvents } from '@oms/messaging';
import { decideTrackingUpdate, ShipmentStatus, TrackingDecision } from '../domain/shipment-lifecycle';
import { LockedShipment, ShipmentRepository } from '../persistence/shipment.repository';

/**
 * One tracking update to a locked shipment, from the API or a carrier: recorded in the history always,
 * applied only when it moves the shipment forward and is not older than the last one applied. An
 * applied change emits `shipment.status_changed` (and `shipment.delivered`).
 */
@Injectable()
export class TrackingUpdates {
  constructor(private readonly shipments: ShipmentRepository) {}

  decide(shipment: LockedShipment, status: ShipmentStatus, occurredAt: Date): TrackingDecision {
    return decideTrackingUpdate(shipment.status as ShipmentStatus, shipment.lastEventAt, status, occurredAt);
  }

  async record(manager: EntityManager, shipment: LockedShipment, update: { status: ShipmentStatus; occurredAt: Date; source: string }, decision: TrackingDecision) {
    await this.shipments.recordTrackingEvent(manager, shipment.id, { ...update, applied: decision.apply });
    if (!decision.apply) return;
    await this.shipments.applyStatus(manager, shipment.id, update.status, update.occurredAt);
    const payload: ShipmentStatusChangedPayload = {
      shipmentId: shipment.id, orderId: shipment.orderId, shipmentNumber: shipment.shipmentNumber, status: update.status, occurredAt: update.occurredAt.toISOString(),
    };
    await enqueueEvents(manager, [
      { type: EventTypes.ShipmentStatusChanged, aggregateId: shipment.id, aggregateVersion: UNVERSIONED, payload },
      ...(update.status === 'delivered' ? [{ type: EventTypes.ShipmentDelivered, aggregateId: shipment.id, aggregateVersion: UNVERSIONED, payload }] : []),
    ]);
    if (update.status === 'canceled') {
      const canceled: ShipmentCanceledPayload = {
        shipmentId: shipment.id, orderId: shipment.orderId, shipmentNumber: shipment.shipmentNumber, items: await this.shipments.shipmentItems(manager, shipment.id),
      };
      await enqueueEvents(manager, [{ type: EventTypes.ShipmentCanceled, aggregateId: shipment.id, aggregateVersion: UNVERSIONED, payload: canceled }]);
    }
  }
}
