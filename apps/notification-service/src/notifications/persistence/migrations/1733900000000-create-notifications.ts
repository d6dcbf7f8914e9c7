import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The notification service's tables: its replica of each order, webhook subscriptions, and the
 * notifications themselves — one row per (event, channel, recipient, template), unique by `dedup_key`,
 * which is the durable delivery job — with every attempt.
 */
export class CreateNotifications1733900000000 implements MigrationInterface {
  name = 'CreateNotifications1733900000000';

  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE TABLE order_replica (
        order_id uuid PRIMARY KEY,
        order_number text NOT NULL UNIQUE,
        customer_email text NOT NULL,
        customer_name text NOT NULL,
        customer_phone text,
        sms_opt_in boolean NOT NULL DEFAULT false,
        locale text,
        currency text NOT NULL,
        lines jsonb NOT NULL,
        totals jsonb,
        grand_total bigint NOT NULL,
        shipping_address jsonb NOT NULL,
        billing_address jsonb,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE webhook_subscription (
        id uuid PRIMARY KEY,
        url text NOT NULL,
        events text[] NOT NULL,
        description text,
        enabled boolean NOT NULL DEFAULT true,
        disabled_reason text,
        -- disabled because deliveries kept failing: new events still queue up for it, to go out once it is enabled again
        holds_deliveries boolean NOT NULL DEFAULT false,
        secret text NOT NULL,
        previous_secret text,
        previous_secret_expires_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE notification (
        id uuid PRIMARY KEY,
        -- the delivery log's order (keyset pages); timestamps tie
        seq bigserial NOT NULL UNIQUE,
        dedup_key text NOT NULL UNIQUE,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        order_id uuid,
        channel text NOT NULL CHECK (channel IN ('email', 'sms', 'slack', 'webhook')),
        recipient text NOT NULL,
        template text NOT NULL,
        audience text NOT NULL CHECK (audience IN ('customer', 'staff', 'subscriber')),
        locale text,
        subscription_id uuid REFERENCES webhook_subscription (id) ON DELETE SET NULL,
        resend_of uuid REFERENCES notification (id) ON DELETE SET NULL,
        status text NOT NULL CHECK (status IN ('pending', 'sent', 'failed', 'suppressed')),
        status_reason text,
        subject text,
        html text,
        text text,
        body jsonb,
        attempt_count integer NOT NULL DEFAULT 0,
        next_attempt_at timestamptz,
        lease_until timestamptz,
        event_occurred_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz
      )`);
    // what the senders look for: due, unleased pending jobs of one channel
    await runner.query(`CREATE INDEX notification_due ON notification (channel, next_attempt_at) WHERE status = 'pending'`);
    await runner.query(`CREATE INDEX notification_by_order ON notification (order_id, seq) WHERE order_id IS NOT NULL`);
    await runner.query(`CREATE INDEX notification_by_subscription ON notification (subscription_id, seq) WHERE subscription_id IS NOT NULL`);
    await runner.query(`
      CREATE TABLE notification_attempt (
        id bigserial PRIMARY KEY,
        notification_id uuid NOT NULL REFERENCES notification (id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT now(),
        ok boolean NOT NULL,
        error text,
        response_status integer,
        duration_ms integer NOT NULL
      )`);
    await runner.query(`CREATE INDEX notification_attempt_of ON notification_attempt (notification_id, id)`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`DROP TABLE notification_attempt, notification, webhook_subscription, order_replica`);
  }
}
