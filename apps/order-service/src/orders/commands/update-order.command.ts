import { Injectable } from '@nestjs/common';
import { FieldError, OrderView, RpcMeta, UpdateOrderDto } from '@oms/contracts';
import { enqueueEvents, UnitOfWork } from '@oms/messaging';
import { AppError, validateInput } from '@oms/platform';
import { OrderStatuses, StatusGroup } from '../domain/order-statuses';
import { statusChangedEvents } from '../events/status-changed';
import { OrderRepository } from '../persistence/order.repository';
import { GetOrderQuery } from '../queries/get-order.query';

const LABELS: Record<StatusGroup, string> = { paymentStatus: 'Payment status', shipmentStatus: 'Shipment status' };

/**
 * Sets the payment and/or shipment status directly (EverShop's updatePaymentStatus and
 * updateShipmentStatus), and notes. Unknown statuses are a 400 naming the allowed values; a change the
 * configured transitions forbid is a 409. In one transaction: the change, an activity per change, the
 * resolved order status and `order.status_changed`.
 */
@Injectable()
export class UpdateOrderCommand {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly orders: OrderRepository,
    private readonly statuses: OrderStatuses,
    private readonly getOrder: GetOrderQuery,
  ) {}

  async execute(idOrNumber: string, input: unknown, meta: RpcMeta): Promise<OrderView> {
    const request = validateInput(UpdateOrderDto, input);
    const groups = (['paymentStatus', 'shipmentStatus'] as const).filter((group) => request[group] !== undefined);
    const unknown: FieldError[] = groups
      .filter((group) => !this.statuses.config[group][request[group]!])
      .map((group) => ({ field: group, message: `must be one of ${this.statuses.codes(group).join(', ')}` }));
    if (unknown.length) throw AppError.validation(unknown);
    if (!groups.length && request.notes === undefined) {
      throw AppError.validation([{ field: '', message: 'give paymentStatus, shipmentStatus or notes' }]);
    }
    const id = await this.orders.findId(idOrNumber);
    if (!id) throw AppError.notFound(`Order ${idOrNumber} was not found.`);

    await this.unitOfWork.run(async (manager) => {
      const order = (await this.orders.lock(manager, id))!;
      if (order.cancelPending && groups.length) {
        throw AppError.conflict(`Order ${order.orderNumber} is being canceled; its statuses cannot change until that settles.`);
      }
      const next = { paymentStatus: order.paymentStatus, shipmentStatus: order.shipmentStatus };
      const messages: string[] = [];
      for (const group of groups) {
        const from = order[group];
        const to = request[group]!;
        if (!this.statuses.canChange(group, from, to)) {
          const allowed = this.statuses.config.transitions[group][from] ?? [];
          throw AppError.conflict(
            `${LABELS[group]} cannot change from ${from} to ${to}` +
              (allowed.length ? `; allowed: ${allowed.join(', ')}.` : `: ${from} is final.`) +
              (to === 'canceled' ? ' To cancel the order, use POST /api/orders/{id}/cancel.' : ''),
          );
        }
        if (from !== to) {
          next[group] = to;
          messages.push(`${LABELS[group]} changed from ${this.statuses.view(group, from).name} to ${this.statuses.view(group, to).name}`);
        }
      }
      const statusChanged = messages.length > 0;
      const notesChanged = request.notes !== undefined && request.notes !== order.notes;
      if (!statusChanged && !notesChanged) return;
      const status = this.statuses.resolve(next.paymentStatus, next.shipmentStatus);
      const version = await this.orders.update(manager, id, { ...next, status, ...(notesChanged ? { notes: request.notes } : {}) });
      if (notesChanged) messages.push('Notes updated');
      for (const message of messages) await this.orders.addActivity(manager, id, { message, customerNotified: false, author: meta.actor.sub });
      await enqueueEvents(manager, statusChangedEvents(order, { ...next, status }, version));
    });
    return this.getOrder.execute(id, meta.actor);
  }
}
