import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RefundedLine } from '@oms/contracts';
import { Row, sql } from '@oms/persistence';
import { Ledger, PaymentTransaction } from '../domain/payment';
import { LedgerRecord } from '../domain/reconciliation';

export interface StoredReconciliation {
  id: string;
  provider: string | null;
  from: Date | null;
  to: Date | null;
  summary: unknown;
  discrepancies: unknown;
  author: string;
  createdAt: Date;
}

/** What was refunded of each order (`order_id`, `refunded` in minor units), to join in sales figures. */
export const REFUNDED_PER_ORDER = `(SELECT order_id, sum(amount) AS refunded FROM payment_transaction WHERE type = 'refund' GROUP BY order_id)`;

const toTransaction = (row: Row): PaymentTransaction => ({
  id: row.id, orderId: row.order_id, type: row.type, amount: Number(row.amount), currency: row.currency, provider: row.provider,
  reference: row.reference, note: row.note, author: row.author, createdAt: row.created_at,
});

/** All SQL of the payment ledger, refunds, payment webhook events and reconciliation runs. */
@Injectable()
export class PaymentRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The order's ledger, oldest first, and its refunds (inside a transaction: after the caller locked the order row). */
  async ledger(orderId: string, manager?: EntityManager): Promise<Ledger> {
    return (await this.ledgers([orderId], manager)).get(orderId) ?? { entries: [], refunds: [] };
  }

  /** The ledgers of several orders in one query, by order id (orders without payments have none). */
  async ledgers(orderIds: string[], manager?: EntityManager): Promise<Map<string, Ledger>> {
    const rows = await sql(manager ?? this.dataSource,
      `SELECT t.*, r.id AS refund_id, r.reason, r.items FROM payment_transaction t LEFT JOIN refund r ON r.transaction_id = t.id
       WHERE t.order_id = ANY($1::uuid[]) ORDER BY t.created_at, t.id`, [orderIds]);
    const ledgers = new Map<string, Ledger>();
    for (const row of rows) {
      const entry = toTransaction(row);
      const ledger = ledgers.get(entry.orderId) ?? { entries: [], refunds: [] };
      ledger.entries.push(entry);
      if (row.refund_id) ledger.refunds.push({ id: row.refund_id, transaction: entry, reason: row.reason, items: row.items });
      ledgers.set(entry.orderId, ledger);
    }
    return ledgers;
  }

  /** The entry a provider reported under this type and reference, if any. */
  async findByReference(manager: EntityManager, provider: string, type: string, reference: string): Promise<PaymentTransaction | null> {
    const [row] = await sql(manager, 'SELECT * FROM payment_transaction WHERE provider = $1 AND type = $2 AND reference = $3', [provider, type, reference]);
    return row ? toTransaction(row) : null;
  }

  async insertTransaction(manager: EntityManager, entry: Omit<PaymentTransaction, 'createdAt'>): Promise<PaymentTransaction> {
    const [row] = await sql(manager,
      `INSERT INTO payment_transaction (id, order_id, type, amount, currency, provider, reference, note, author)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING *`,
      [entry.id, entry.orderId, entry.type, entry.amount, entry.currency, entry.provider, entry.reference, entry.note, entry.author]);
    return toTransaction(row);
  }

  async insertRefund(manager: EntityManager, refund: { id: string; orderId: string; transactionId: string; reason: string; items: RefundedLine[] }) {
    await sql(manager, 'INSERT INTO refund (id, order_id, transaction_id, reason, items) VALUES ($1, $2, $3, $4, $5)',
      [refund.id, refund.orderId, refund.transactionId, refund.reason, JSON.stringify(refund.items)]);
  }

  /**
   * Records a payment webhook event as received, with its outcome; false when it was received before.
   * A concurrent delivery of the same event waits here until the first one commits.
   */
  async claimWebhookEvent(manager: EntityManager, event: { provider: string; eventId: string; orderRef: string; outcome: 'applied' | 'rejected'; detail: string | null }): Promise<boolean> {
    const rows = await sql(manager,
      `INSERT INTO payment_webhook_event (provider, event_id, order_ref, outcome, detail) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT DO NOTHING RETURNING event_id`,
      [event.provider, event.eventId, event.orderRef, event.outcome, event.detail]);
    return rows.length > 0;
  }

  async webhookEvent(manager: EntityManager, provider: string, eventId: string): Promise<{ outcome: 'applied' | 'rejected'; detail: string | null }> {
    const [row] = await sql(manager, 'SELECT outcome, detail FROM payment_webhook_event WHERE provider = $1 AND event_id = $2', [provider, eventId]);
    return { outcome: row.outcome, detail: row.detail };
  }

  /** The ledger entries with these references (of `provider`, when given), with their order numbers. */
  async byReferences(references: string[], provider?: string): Promise<LedgerRecord[]> {
    const rows = await this.dataSource.query(
      `SELECT t.reference, t.type, t.amount, t.currency, t.order_id, o.order_number FROM payment_transaction t JOIN orders o ON o.id = t.order_id
       WHERE t.reference = ANY($1) AND ($2::text IS NULL OR t.provider = $2)`, [references, provider ?? null]);
    return rows.map(toLedgerRecord);
  }

  /** The captures and refunds recorded in [from, to) (of `provider`, when given): a report of that period must list each. */
  async settledIn(from: string | undefined, to: string | undefined, provider?: string): Promise<LedgerRecord[]> {
    const rows = await this.dataSource.query(
      `SELECT t.reference, t.type, t.amount, t.currency, t.order_id, o.order_number FROM payment_transaction t JOIN orders o ON o.id = t.order_id
       WHERE t.type IN ('capture', 'refund') AND ($1::timestamptz IS NULL OR t.created_at >= $1) AND ($2::timestamptz IS NULL OR t.created_at < $2)
         AND ($3::text IS NULL OR t.provider = $3)
       ORDER BY t.created_at, t.id`, [from ?? null, to ?? null, provider ?? null]);
    return rows.map(toLedgerRecord);
  }

  async saveReconciliation(manager: EntityManager, run: Omit<StoredReconciliation, 'createdAt'>): Promise<StoredReconciliation> {
    const [row] = await sql(manager,
      `INSERT INTO reconciliation_run (id, provider, period_from, period_to, summary, discrepancies, author)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING *`,
      [run.id, run.provider, run.from, run.to, JSON.stringify(run.summary), JSON.stringify(run.discrepancies), run.author]);
    return toReconciliation(row);
  }

  async reconciliation(id: string): Promise<StoredReconciliation | null> {
    const [row] = await this.dataSource.query('SELECT * FROM reconciliation_run WHERE id = $1', [id]);
    return row ? toReconciliation(row) : null;
  }

  /** The latest runs, newest first (a handful a day: no paging needed). */
  async recentReconciliations(limit: number): Promise<StoredReconciliation[]> {
    const rows = await this.dataSource.query('SELECT * FROM reconciliation_run ORDER BY created_at DESC, id LIMIT $1', [limit]);
    return rows.map(toReconciliation);
  }
}

const toLedgerRecord = (row: Row): LedgerRecord => ({
  reference: row.reference, type: row.type, amount: Number(row.amount), currency: row.currency, orderId: row.order_id, orderNumber: row.order_number,
});

const toReconciliation = (row: Row): StoredReconciliation => ({
  id: row.id, provider: row.provider, from: row.period_from, to: row.period_to, summary: row.summary, discrepancies: row.discrepancies,
  author: row.author, createdAt: row.created_at,
});
