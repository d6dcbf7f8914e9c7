import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The payment ledger of each order (authorizations, captures, voids, failures, refunds), refund details,
 * the payment webhook events received (each applied once) and the reconciliation runs.
 */
export class PaymentLedger1733600000000 implements MigrationInterface {
  name = 'PaymentLedger1733600000000';

  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE TABLE payment_transaction (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id),
        type text NOT NULL CHECK (type IN ('authorization', 'capture', 'void', 'failure', 'refund')),
        amount bigint NOT NULL CHECK (amount >= 0),
        currency char(3) NOT NULL,
        provider text NOT NULL,
        reference text NOT NULL,
        note text,
        author text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
        UNIQUE (provider, type, reference)
      )`);
    await runner.query('CREATE INDEX payment_transaction_order ON payment_transaction (order_id, created_at)');
    await runner.query('CREATE INDEX payment_transaction_reference ON payment_transaction (reference)');
    // reconciliation looks up the money movements of a period
    await runner.query(`CREATE INDEX payment_transaction_settled ON payment_transaction (created_at) WHERE type IN ('capture', 'refund')`);
    await runner.query(`
      CREATE TABLE refund (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id),
        transaction_id uuid NOT NULL UNIQUE REFERENCES payment_transaction (id),
        reason text NOT NULL,
        items jsonb NOT NULL DEFAULT '[]'
      )`);
    await runner.query('CREATE INDEX refund_order ON refund (order_id)');
    await runner.query(`
      CREATE TABLE payment_webhook_event (
        provider text NOT NULL,
        event_id text NOT NULL,
        order_ref text NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('applied', 'rejected')),
        detail text,
        received_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider, event_id)
      )`);
    await runner.query(`
      CREATE TABLE reconciliation_run (
        id uuid PRIMARY KEY,
        provider text,
        period_from timestamptz,
        period_to timestamptz,
        summary jsonb NOT NULL,
        discrepancies jsonb NOT NULL,
        author text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner) {
    await runner.query('DROP TABLE reconciliation_run');
    await runner.query('DROP TABLE payment_webhook_event');
    await runner.query('DROP TABLE refund');
    await runner.query('DROP TABLE payment_transaction');
  }
}
