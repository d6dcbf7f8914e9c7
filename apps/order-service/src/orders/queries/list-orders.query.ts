import { Injectable } from '@nestjs/common';
import {
  Actor, ActivityView, FieldError, ListActivitiesQueryDto, ListOrdersQueryDto, NUMBERED_PAGES_DEPTH, ORDER_SORTS, OrderStatsQueryDto, OrderStatsView, OrderSummaryView, Page,
  parseApiDate, UUID_PATTERN, DEFAULT_PAGE_SIZE } from '@oms/contracts';
import { fromMinorUnits } from '@oms/money';
import { decodeCursor, toPage } from '@oms/persistence';
import { AppError } from '@oms/platform';
import { OrderStatuses } from '../domain/order-statuses';
import { OrderRepository } from '../persistence/order.repository';
import { toActivityView, toOrderSummaryView } from '../order-view.mapper';

type OrderSort = (typeof ORDER_SORTS)[number];

/**
 * What the sort value inside a cursor must look like, per sort: a cursor is opaque but not trusted, so
 * one made for another sort, or forged, is a 400 rather than a query PostgreSQL cannot run.
 */
const SORT_VALUE_SHAPES: Record<OrderSort, (value: string) => boolean> = {
  // created_at as PostgreSQL prints a timestamptz: 2026-12-01 22:31:30.123456+00
  createdAt: (value) => /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2})?$/.test(value) &&
    parseApiDate(value.replace(' ', 'T').replace(/([+-]\d{2})$/, '$1:00')) !== undefined,
  grandTotal: (value) => /^-?\d{1,18}$/.test(value),
  orderNumber: (value) => /^[A-Za-z0-9_-]{1,64}$/.test(value),
};

/** The read side of orders: filtered keyset pages, a customer's own orders, statistics, activities. */
@Injectable()
export class ListOrdersQuery {
  constructor(
    private readonly orders: OrderRepository,
    private readonly statuses: OrderStatuses,
  ) {}

  /** Admins list any orders; a customer only its own (its customerId filter is forced to its `sub`). */
  async list(query: ListOrdersQueryDto, actor: Actor): Promise<Page<OrderSummaryView> & { total?: number }> {
    this.checkStatuses(query);
    const sort = query.sort ?? 'createdAt';
    const order = query.order ?? 'desc';
    // a cursor names the sort and direction it was made for, then the last row's sort value and id
    const key = decodeCursor(query.cursor, ([cursorSort, cursorOrder, value, id, ...rest]) =>
      cursorSort === sort && cursorOrder === order && typeof value === 'string' && SORT_VALUE_SHAPES[sort](value) &&
      typeof id === 'string' && UUID_PATTERN.test(id) && !rest.length);
    const after = key?.slice(2) as [string, string] | undefined;
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const offset = this.offsetOf(query, limit);
    const { rows, total } = await this.orders.list(
      { ...query, customerId: actor.role === 'customer' ? actor.sub : query.customerId },
      { sort, order, limit: limit + 1, after, offset, includeTotal: query.includeTotal ?? false },
    );
    return {
      ...toPage(rows, limit, (row) => toOrderSummaryView(row, this.statuses), (row) => [sort, order, row.sortValue, row.id]),
      ...(total === undefined ? {} : { total }),
    };
  }

  async stats(query: OrderStatsQueryDto): Promise<OrderStatsView> {
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

  async activities(idOrNumber: string, query: ListActivitiesQueryDto): Promise<{ items: ActivityView[] }> {
    const id = await this.orders.findId(idOrNumber);
    if (!id) throw AppError.notFound(`Order ${idOrNumber} was not found.`);
    return { items: (await this.orders.activities(id, query.customerNotified)).map(toActivityView) };
  }

  /** Rows a numbered page skips: none for keyset pages; numbered pages stop at NUMBERED_PAGES_DEPTH orders. */
  private offsetOf(query: ListOrdersQueryDto, limit: number): number {
    if (query.page === undefined) return 0;
    if (query.cursor !== undefined) throw AppError.validation([{ field: 'page', message: 'page and cursor cannot be used together' }]);
    const offset = (query.page - 1) * limit;
    if (offset + limit > NUMBERED_PAGES_DEPTH) {
      throw AppError.validation([{
        field: 'page', message: `numbered pages reach ${NUMBERED_PAGES_DEPTH} orders deep (page ${Math.floor(NUMBERED_PAGES_DEPTH / limit)} at limit ${limit}); follow nextCursor beyond`,
      }]);
    }
    return offset;
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
