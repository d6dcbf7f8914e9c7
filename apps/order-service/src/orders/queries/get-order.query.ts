import { Injectable } from '@nestjs/common';
import { Actor, OrderView } from '@oms/contracts';
import { AppError } from '@oms/platform';
import { OrderAggregate } from '../domain/order-aggregate';
import { OrderStatuses } from '../domain/order-statuses';
import { OrderWithDetails } from '../domain/order';
import { OrderRepository } from '../persistence/order.repository';
import { PaymentRepository } from '../../payments/persistence/payment.repository';
import { toOrderView } from '../order-view.mapper';

type StoredOrder = Omit<OrderWithDetails, 'ledger' | 'refunds'>;

/**
 * Orders as the API shows them. A customer sees only its own (another's is a 404, not a 403, and is
 * left out of a batch), and of their activities only those meant for the customer.
 */
@Injectable()
export class GetOrderQuery {
  constructor(
    private readonly orders: OrderRepository,
    private readonly statuses: OrderStatuses,
    private readonly aggregate: OrderAggregate,
    private readonly payments: PaymentRepository,
  ) {}

  /** One order by uuid or number. */
  async execute(idOrNumber: string, actor: Actor): Promise<OrderView> {
    const found = await this.orders.findDetailed(idOrNumber, this.ownerFilter(actor));
    if (!found) throw AppError.notFound(`Order ${idOrNumber} was not found.`);
    const [order] = await this.toViews([found], actor);
    return order;
  }

  /** Several orders by uuid in a fixed number of queries, in the order asked. */
  async many(ids: string[], actor: Actor): Promise<{ items: OrderView[] }> {
    const found = new Map((await this.orders.findDetailedMany(ids, this.ownerFilter(actor))).map((order) => [order.id, order]));
    const ordered = [...new Set(ids)].flatMap((id) => found.get(id) ?? []);
    return { items: await this.toViews(ordered, actor) };
  }

  private ownerFilter = (actor: Actor) => (actor.role === 'customer' ? actor.sub : undefined);

  private async toViews(found: StoredOrder[], actor: Actor): Promise<OrderView[]> {
    if (!found.length) return [];
    const ledgers = await this.payments.ledgers(found.map((order) => order.id));
    return found.map((stored) => {
      const { entries, refunds } = ledgers.get(stored.id) ?? { entries: [], refunds: [] };
      const order: OrderWithDetails = { ...stored, ledger: entries, refunds };
      if (actor.role === 'customer') order.activities = order.activities.filter((a) => a.customerNotified);
      return toOrderView(order, this.statuses, this.aggregate.actions(order));
    });
  }
}
