import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { CreateShipmentDto, EventTypes, RpcMeta, ShipmentCreatedPayload, ShipmentView, UNVERSIONED } from '@oms/contracts';
import { enqueueEvents, UnitOfWork } from '@oms/messaging';
import { onceForKey } from '@oms/persistence';
import { AppError } from '@oms/platform';
import { ShipmentServiceConfig } from '../../config/shipment-service.config';
import carriers from '../domain/carriers.json';
import { OrderedLine, planShipment, trackingUrl } from '../domain/shipment-plan';
import { OrderReplica, ShipmentRepository } from '../persistence/shipment.repository';
import { toShipmentView } from '../shipment-view.mapper';

/**
 * Creates a shipment (EverShop's createShipment, with partial shipments) under the order's replica row
 * lock, the same lock under which a cancel is acknowledged: of a concurrent ship and cancel exactly one
 * wins. Refused with 409, writing nothing: a canceled order, stock not reserved, unknown items, more than
 * is left. A retry with the same Idempotency-Key returns the same shipment.
 */
@Injectable()
export class CreateShipmentCommand {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly shipments: ShipmentRepository,
    @Inject(ShipmentServiceConfig) private readonly config: ShipmentServiceConfig,
  ) {}

  async execute(orderRef: string, request: CreateShipmentDto, meta: RpcMeta): Promise<ShipmentView> {
    return this.unitOfWork.run(async (manager) => {
      const order = await this.shipments.lockOrder(manager, orderRef);
      const lines = order?.lines;
      if (!order || !lines) throw AppError.notFound(`Order ${orderRef} was not found.`);
      // keyed by the order itself, so its uuid and its number name the same request
      const idempotency = meta.idempotencyKey
        ? { scope: `shipments.create:${meta.actor.sub}:${order.orderId}`, key: meta.idempotencyKey, request }
        : undefined;
      return onceForKey(manager, idempotency, () => this.ship(manager, { ...order, lines }, request));
    });
  }

  private async ship(manager: EntityManager, order: OrderReplica & { lines: OrderedLine[] }, request: CreateShipmentDto): Promise<ShipmentView> {
    if (order.canceled) throw AppError.conflict(`Order ${order.orderNumber} is canceled or being canceled; it cannot ship.`);
    if (order.stockStatus !== 'reserved') throw AppError.conflict(`The stock of order ${order.orderNumber} is not reserved; it cannot ship yet.`);
    const plan = planShipment(order.lines, await this.shipments.shippedQuantities(manager, order.orderId), request.items);
    if (!plan.ok) throw AppError.conflict(`Order ${order.orderNumber} cannot ship: ${plan.reason}.`);

    const shipment = {
      id: randomUUID(),
      shipmentNumber: await this.shipments.nextShipmentNumber(manager, this.config.SHIPMENT_NUMBER_PREFIX),
      orderId: order.orderId,
      carrier: request.carrier,
      trackingNumber: request.trackingNumber ?? null,
      trackingUrl: request.trackingUrl ?? trackingUrl(carriers, request.carrier, request.trackingNumber),
      status: 'shipped',
      note: request.note ?? null,
      shippedAt: new Date(),
      deliveredAt: null,
      lastEventAt: null,
      trackingHistory: [],
      items: plan.lines.map(({ orderItemId, sku, qty }) => ({ orderItemId, sku, qty })),
    };
    await this.shipments.insert(manager, shipment);
    const payload: ShipmentCreatedPayload = {
      shipmentId: shipment.id, orderId: order.orderId, shipmentNumber: shipment.shipmentNumber,
      carrier: shipment.carrier, trackingNumber: shipment.trackingNumber, trackingUrl: shipment.trackingUrl, notifyCustomer: request.notifyCustomer ?? true, items: shipment.items,
    };
    await enqueueEvents(manager, [{ type: EventTypes.ShipmentCreated, aggregateId: shipment.id, aggregateVersion: UNVERSIONED, payload }]);
    return toShipmentView({ ...shipment, createdAt: shipment.shippedAt });
  }
}
