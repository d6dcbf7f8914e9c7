import { Injectable } from '@nestjs/common';
import { parseApiDate, ReportQueryDto, RevenueByPaymentMethodRow, SalesByDayRow, TopProductRow } from '@oms/contracts';
import { fromMinorUnits } from '@oms/money';
import { Row } from '@oms/persistence';
import { AppError } from '@oms/platform';
import { Period, ReportsRepository } from '../persistence/reports.repository';

const MAX_DAYS = 366;
const knownTimeZones = new Set(Intl.supportedValuesOf('timeZone'));

/** Revenue of the counted orders, what was refunded of them, and the difference, as decimals. */
const revenueOf = (row: Row) => ({
  revenue: fromMinorUnits(row.revenue, row.currency),
  refunded: fromMinorUnits(row.refunded, row.currency),
  netRevenue: fromMinorUnits(BigInt(row.revenue) - BigInt(row.refunded), row.currency),
});

/** Sales by day, top products by quantity and revenue, and revenue by payment method over a period. */
@Injectable()
export class SalesReportsQuery {
  constructor(private readonly reports: ReportsRepository) {}

  async salesByDay(input: ReportQueryDto): Promise<{ items: SalesByDayRow[] }> {
    const { query, period } = this.parse(input);
    const timeZone = query.timeZone ?? 'UTC';
    if (timeZone !== 'UTC' && !knownTimeZones.has(timeZone)) {
      throw AppError.validation([{ field: 'timeZone', message: 'timeZone must be an IANA time zone such as Europe/Berlin' }]);
    }
    const rows = await this.reports.salesByDay(period, timeZone);
    return { items: rows.map((r) => ({ day: r.day, currency: r.currency, orders: r.orders, ...revenueOf(r) })) };
  }

  async topProducts(input: ReportQueryDto): Promise<{ items: TopProductRow[] }> {
    const { query, period } = this.parse(input);
    const rows = await this.reports.topProducts(period, query.limit ?? 10);
    return { items: rows.map((r) => ({ sku: r.sku, name: r.name, currency: r.currency, qty: r.qty, revenue: fromMinorUnits(r.revenue, r.currency) })) };
  }

  async revenueByPaymentMethod(input: ReportQueryDto): Promise<{ items: RevenueByPaymentMethodRow[] }> {
    const { period } = this.parse(input);
    const rows = await this.reports.revenueByPaymentMethod(period);
    return {
      items: rows.map((r) => ({ paymentMethod: r.payment_method, currency: r.currency, orders: r.orders, ...revenueOf(r) })),
    };
  }

  /** The report's period, checked: after its start, at most MAX_DAYS long. */
  private parse(query: ReportQueryDto): { query: ReportQueryDto; period: Period } {
    const days = (parseApiDate(query.createdTo)!.getTime() - parseApiDate(query.createdFrom)!.getTime()) / 86_400_000;
    if (!(days > 0)) throw AppError.validation([{ field: 'createdTo', message: 'createdTo must be after createdFrom' }]);
    if (days > MAX_DAYS) throw AppError.validation([{ field: 'createdTo', message: `a report covers at most ${MAX_DAYS} days` }]);
    return { query, period: { from: query.createdFrom, to: query.createdTo } };
  }
}
