import { Injectable } from '@nestjs/common';
import { ActivityView, AddActivityDto, RpcMeta } from '@oms/contracts';
import { UnitOfWork } from '@oms/messaging';
import { AppError } from '@oms/platform';
import { OrderAggregate } from '../domain/order-aggregate';
import { OrderRepository } from '../persistence/order.repository';
import { toActivityView } from '../order-view.mapper';

/** A note on the order's audit trail by a person (EverShop's addOrderActivityLog). */
@Injectable()
export class AddActivityCommand {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly orders: OrderRepository,
    private readonly aggregate: OrderAggregate,
  ) {}

  async execute(idOrNumber: string, request: AddActivityDto, meta: RpcMeta): Promise<ActivityView> {
    const id = await this.orders.findId(idOrNumber);
    const notFound = () => AppError.notFound(`Order ${idOrNumber} was not found.`);
    if (!id) throw notFound();
    const [activity] = await this.unitOfWork.run(async (manager) => {
      const order = await this.orders.lock(manager, id);
      if (!order) throw notFound();
      return this.orders.save(manager, id, this.aggregate.addNote(order, request.message, request.customerNotified, meta.actor.sub));
    });
    return toActivityView(activity);
  }
}
