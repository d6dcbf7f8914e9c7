import { Injectable } from '@nestjs/common';
import { OrderView, RpcMeta, UpdateOrderDto } from '@oms/contracts';
import { UnitOfWork } from '@oms/messaging';
import { AppError } from '@oms/platform';
import { OrderAggregate } from '../domain/order-aggregate';
import { OrderRepository } from '../persistence/order.repository';
import { GetOrderQuery } from '../queries/get-order.query';

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
    private readonly aggregate: OrderAggregate,
    private readonly getOrder: GetOrderQuery,
  ) {}

  async execute(idOrNumber: string, request: UpdateOrderDto, meta: RpcMeta): Promise<OrderView> {
    this.aggregate.requestedGroups(request); // a 400 before the order is even looked up
    const id = await this.orders.findId(idOrNumber);
    if (!id) throw AppError.notFound(`Order ${idOrNumber} was not found.`);
    await this.unitOfWork.run(async (manager) => {
      const order = (await this.orders.lock(manager, id))!;
      const change = this.aggregate.changeStatus(order, request, meta.actor.sub);
      if (change) await this.orders.save(manager, id, change);
    });
    return this.getOrder.execute(id, meta.actor);
  }
}
