import { Injectable } from '@nestjs/common';
import { Actor, OrderView } from '@oms/contracts';
import { AppError } from '@oms/platform';
import { OrderStatuses } from '../domain/order-statuses';
import { OrderRepository } from '../persistence/order.repository';
import { PaymentRepository } from '../../payments/persistence/payment.repository';
import { toOrderView } from '../order-view.mapper';

/**
 * One order by uuid or number. A customer sees only its own (another's is a 404, not a 403), and of its
 * activities only those meant for the customer.
 */
@Injectable()
export class GetOrderQuery {
  constructor(
    private readonly orders: OrderRepository,
    private readonly statuses: OrderStatuses,
    private readonly payments: PaymentRepository,
  ) {}

  async execute(idOrNumber: string, actor: Actor): Promise<OrderView> {
    const found = await this.orders.findDetailed(idOrNumber, actor.role === 'customer' ? actor.sub : undefined);
    if (!found) throw AppError.notFound(`Order ${idOrNumber} was not found.`);
    const { entries, refunds } = await this.payments.ledger(found.id);
    const order = { ...found, ledger: entries, refunds };
    if (actor.role === 'customer') order.activities = order.activities.filter((a) => a.customerNotified);
    return toOrderView(order, this.statuses);
  }
}
