import { Injectable } from '@nestjs/common';
import {
  Actor, ActivityView, FieldError, ListActivitiesQueryDto, ListOrdersQueryDto, OrderStatsQueryDto, OrderStatsView, OrderSummaryView, Page, UUID_PATTERN,
} from '@oms/contracts';
import { fromMinorUnits } from '@oms/money';
import { decodeCursor, DEFAULT_PAGE_SIZE, toPage } from '@oms/persistence';
import { AppError, validateInput } from '@oms/platform';
import { OrderStatuses } from '../domain/order-statuses';
import { OrderRepository } from '../persistence/order.repository';
import { toActivityView, toOrderSummaryView } from '../order-view.mapper';

/** The read side of orders: filtered keyset pages, a customer's own orders, statistics, activities. */
@Injectable()
export class ListOrdersQuery {
  constructor(
    private readonly orders: OrderRepository,
    private readonly statuses: OrderStatuses,
  ) {}

  /** Admins list any orders; a customer only its own (its customerId filter is forced to its `sub`). */
  async list(input: unknown, actor: Actor): Promise<Page<OrderSummaryView> & { total?: number }> {
    const query = validateInput(ListOrdersQueryDto, input);
    this.checkStatuses(query);
    const sort = query.sort ?? 'createdAt';
    const after = decodeCursor(query.cursor, (key) => key.length === 2 && typeof key[0] === 'string' && typeof key[1] === 'string' && UUID_PATTERN.test(key[1])) as
      | [string, string]
      | undefined;
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const { rows, total } = await this.orders.list(
      { ...query, customerId: actor.role === 'customer' ? actor.sub : query.customerId },
      { sort, order: query.order ?? 'desc', limit: limit + 1, after, includeTotal: query.includeTotal ?? false },
    );
    return {
      ...toPage(rows, limit, (order) => toOrderSummaryView(order, this.statuses), (order) => [order.sortValue, order.id]),
      ...(total === undefined ? {} : { total }),
    };
  }

  async stats(input: unknown): Promise<OrderStatsView> {
    const query = validateInput(OrderStatsQueryDto, input);
    const { counts, revenue } = await this.orders.stats(query);
    const currencies = revenue.map(({ currency, orders, total, refunded }) => ({
      currency,
      orders,
      totalRevenue: fromMinorUnits(total, currency),
      refunded: fromMinorUnits(refunded, currency),
      netRevenue: fromMinorUnits(total - refunded, currency),
      // rounded half up to the currency's minor unit
      averageOrderValue: fromMinorUnits((total * 2n + BigInt(orders)) / (2n * BigInt(orders)), currency),
    }));
    const single = currencies.length === 1 ? currencies[0] : undefined;
    return { counts, currencies, totalRevenue: single?.totalRevenue ?? null, averageOrderValue: single?.averageOrderValue ?? null };
  }

  async activities(idOrNumber: string, input: unknown): Promise<{ items: ActivityView[] }> {
    const query = validateInput(ListActivitiesQueryDto, input);
    const id = await this.orders.findId(idOrNumber);
    if (!id) throw AppError.notFound(`Order ${idOrNumber} was not found.`);
    return { items: (await this.orders.activities(id, query.customerNotified)).map(toActivityView) };
  }

  private checkStatuses(query: ListOrdersQueryDto) {
    const groups = { status: 'orderStatus', paymentStatus: 'paymentStatus', shipmentStatus: 'shipmentStatus' } as const;
    const errors: FieldError[] = Object.entries(groups)
      .filter(([field, group]) => {
        const value = query[field as keyof typeof groups];
        return value !== undefined && !this.statuses.config[group][value];
      })
      .map(([field, group]) => ({ field, message: `must be one of ${this.statuses.codes(group).join(', ')}` }));
    if (errors.length) throw AppError.validation(errors);
  }
}
