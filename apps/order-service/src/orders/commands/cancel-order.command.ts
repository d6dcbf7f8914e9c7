import { Inject, Injectable } from '@nestjs/common';
import { CancelOrderDto, EventTypes, OrderCancelRequestedPayload, OrderView, RpcMeta } from '@oms/contracts';
import { enqueueEvents, UnitOfWork } from '@oms/messaging';
import { AppError, validateInput } from '@oms/platform';
import { OrderServiceConfig } from '../../config/order-service.config';
import { OrderStatuses } from '../domain/order-statuses';
import { canceledStatuses } from '../domain/order-transitions';
import { OrderRepository } from '../persistence/order.repository';
import { GetOrderQuery } from '../queries/get-order.query';

const POLL_MS = 50;

/**
 * Cancels an order (EverShop's cancelOrder), race-proof against shipping. The order must be cancelable
 * by the configured statuses; it is then held `cancelPending` (a semantic lock) and the shipment service,
 * which serializes per order, acknowledges that nothing shipped (the order is canceled and its stock
 * released through `order.canceled`) or rejects the cancel. Waits for that answer for a while: 200 when
 * canceled, 409 when refused, and `settled: false` (202) when the answer is still on its way.
 * Canceling a canceled order returns it and changes nothing.
 */
@Injectable()
export class CancelOrderCommand {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly orders: OrderRepository,
    private readonly statuses: OrderStatuses,
    private readonly getOrder: GetOrderQuery,
    @Inject(OrderServiceConfig) private readonly config: OrderServiceConfig,
  ) {}

  async execute(idOrNumber: string, input: unknown, meta: RpcMeta): Promise<{ settled: boolean; order: OrderView }> {
    const request = validateInput(CancelOrderDto, input ?? {});
    const id = await this.orders.findId(idOrNumber, meta.actor.role === 'customer' ? meta.actor.sub : undefined);
    if (!id) throw AppError.notFound(`Order ${idOrNumber} was not found.`);
    const canceled = canceledStatuses(this.statuses).status;

    await this.unitOfWork.run(async (manager) => {
      const order = (await this.orders.lock(manager, id))!;
      if (order.status === canceled || order.cancelPending) return;
      if (!this.statuses.isCancelable(order.paymentStatus, order.shipmentStatus)) {
        throw AppError.conflict(
          `Order ${order.orderNumber} is not cancelable: payment ${order.paymentStatus}, shipment ${order.shipmentStatus}.`,
        );
      }
      const reason = request.reason ?? (meta.actor.role === 'customer' ? 'Canceled by the customer' : `Canceled by ${meta.actor.sub}`);
      const version = await this.orders.update(manager, id, { cancelPending: true, cancelReason: reason });
      await this.orders.addActivity(manager, id, { message: `Cancellation requested: ${reason}`, customerNotified: false, author: meta.actor.sub });
      const payload: OrderCancelRequestedPayload = { orderId: id, orderNumber: order.orderNumber, reason };
      await enqueueEvents(manager, [{ type: EventTypes.OrderCancelRequested, aggregateId: id, aggregateVersion: version, payload }]);
    });

    const deadline = Date.now() + this.config.CANCEL_WAIT_MS;
    let order = await this.getOrder.execute(id, meta.actor);
    while (order.cancelPending && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      order = await this.getOrder.execute(id, meta.actor);
    }
    if (order.status.code === canceled) return { settled: true, order };
    if (order.cancelPending) return { settled: false, order };
    const refusal = [...order.activities].reverse().find((a) => a.message.startsWith('Cancellation refused'));
    throw AppError.conflict(`Order ${order.orderNumber} was not canceled. ${refusal?.message ?? 'A shipment exists.'}`);
  }
}
