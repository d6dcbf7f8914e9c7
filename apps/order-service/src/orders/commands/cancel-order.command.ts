import { Inject, Injectable } from '@nestjs/common';
import { CancelOrderDto, OrderView, RpcMeta } from '@oms/contracts';
import { UnitOfWork } from '@oms/messaging';
import { AppError } from '@oms/platform';
import { OrderServiceConfig } from '../../config/order-service.config';
import { OrderAggregate } from '../domain/order-aggregate';
import { CancelOutcomes } from '../persistence/cancel-outcomes';
import { OrderRepository } from '../persistence/order.repository';
import { GetOrderQuery } from '../queries/get-order.query';

/**
 * Cancels an order (EverShop's cancelOrder), race-proof against shipping. The order must be cancelable
 * by the configured statuses; it is then held `cancelPending` (a semantic lock) and the shipment service,
 * which serializes per order, acknowledges that nothing shipped (the order is canceled and its stock
 * released through `order.canceled`) or rejects the cancel. Waits for that answer (a notification, no
 * polling) up to CANCEL_WAIT_MS: 200 when canceled, 409 when refused, and `settled: false` (202) when the
 * answer is still on its way. Canceling a canceled order returns it and changes nothing.
 */
@Injectable()
export class CancelOrderCommand {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly orders: OrderRepository,
    private readonly aggregate: OrderAggregate,
    private readonly outcomes: CancelOutcomes,
    private readonly getOrder: GetOrderQuery,
    @Inject(OrderServiceConfig) private readonly config: OrderServiceConfig,
  ) {}

  async execute(idOrNumber: string, request: CancelOrderDto, meta: RpcMeta): Promise<{ settled: boolean; order: OrderView }> {
    const id = await this.orders.findId(idOrNumber, meta.actor.role === 'customer' ? meta.actor.sub : undefined);
    if (!id) throw AppError.notFound(`Order ${idOrNumber} was not found.`);
    const reason = request.reason ?? (meta.actor.role === 'customer' ? 'Canceled by the customer' : `Canceled by ${meta.actor.sub}`);
    await this.outcomes.settle(id, this.config.CANCEL_WAIT_MS, () =>
      this.unitOfWork.run(async (manager) => {
        const order = (await this.orders.lock(manager, id))!;
        const change = this.aggregate.requestCancel(order, reason, meta.actor.sub);
        if (change) await this.orders.save(manager, id, change);
        return order.cancelPending || change !== null;
      }));

    const order = await this.getOrder.execute(id, meta.actor);
    if (this.aggregate.isCanceled({ status: order.status.code })) return { settled: true, order };
    if (order.cancelPending) return { settled: false, order };
    const refusal = [...order.activities].reverse().find((a) => a.type === 'cancel_refused');
    // found by its type; its message is the aggregate's own wording of the refusal
    throw AppError.conflict(`Order ${order.orderNumber} was not canceled. ${refusal?.message ?? 'A shipment exists.'}`);
  }
}
