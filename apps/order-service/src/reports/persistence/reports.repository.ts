import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Row } from '@oms/persistence';
import { STANDING_ORDER } from '../../orders/persistence/order.repository';
import { REFUNDED_PER_ORDER } from '../../payments/persistence/payment.repository';


export interface Period {
  from: string;
  to: string;
}

/** The SQL of the sales reports; amounts in minor units, always per currency. */
@Injectable()
export class ReportsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async salesByDay(period: Period, timeZone: string): Promise<Row[]> {
    return this.dataSource.query(
      `SELECT to_char(date_trunc('day', o.created_at AT TIME ZONE $3), 'YYYY-MM-DD') AS day, o.currency,
              count(*)::int AS orders, sum(o.grand_total)::text AS revenue, coalesce(sum(r.refunded), 0)::text AS refunded
       FROM orders o LEFT JOIN ${REFUNDED_PER_ORDER} r ON r.order_id = o.id
       WHERE o.created_at >= $1 AND o.created_at < $2 AND o.${STANDING_ORDER}
       GROUP BY 1, 2 ORDER BY 1, 2`,
      [period.from, period.to, timeZone],
    );
  }

  async topProducts(period: Period, limit: number): Promise<Row[]> {
    return this.dataSource.query(
      `SELECT i.sku, max(i.name) AS name, o.currency, sum(i.qty)::int AS qty, sum(i.line_total)::text AS revenue
       FROM order_item i JOIN orders o ON o.id = i.order_id
       WHERE o.created_at >= $1 AND o.created_at < $2 AND o.${STANDING_ORDER}
       GROUP BY i.sku, o.currency ORDER BY sum(i.qty) DESC, sum(i.line_total) DESC, i.sku LIMIT $3`,
      [period.from, period.to, limit],
    );
  }

  async revenueByPaymentMethod(period: Period): Promise<Row[]> {
    return this.dataSource.query(
      `SELECT o.payment_method, o.currency, count(*)::int AS orders, sum(o.grand_total)::text AS revenue,
              coalesce(sum(r.refunded), 0)::text AS refunded
       FROM orders o LEFT JOIN ${REFUNDED_PER_ORDER} r ON r.order_id = o.id
       WHERE o.created_at >= $1 AND o.created_at < $2 AND o.${STANDING_ORDER}
       GROUP BY 1, 2 ORDER BY o.currency, sum(o.grand_total) DESC, 1`,
      [period.from, period.to],
    );
  }
}
