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
    if (!id) throw AppError.notFound(`Order ${idOrNumber} was not found.`);
    const [activity] = await this.unitOfWork.run((manager) =>
      this.orders.save(manager, id, this.aggregate.addNote(request.message, request.customerNotified, meta.actor.sub)));
    return toActivityView(activity);
  }
}
