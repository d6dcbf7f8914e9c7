import { MigrationInterface, QueryRunner } from 'typeorm';

/** The outbox and inbox tables every service has. */
export class CreateMessagingTables1732200000000 implements MigrationInterface {
  name = 'CreateMessagingTables1732200000000';

  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE TABLE outbox_message (
        id uuid PRIMARY KEY,
        seq bigserial NOT NULL,
        exchange text NOT NULL,
        routing_key text NOT NULL,
        envelope jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz
      )`);
    await runner.query('CREATE INDEX outbox_message_unpublished ON outbox_message (seq) WHERE published_at IS NULL');
    await runner.query(
      'CREATE INDEX outbox_message_published_at ON outbox_message (published_at) WHERE published_at IS NOT NULL',
    );
    await runner.query(`
      CREATE TABLE processed_message (
        consumer text NOT NULL,
        message_id uuid NOT NULL,
        event_type text NOT NULL,
        processed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (consumer, message_id)
      )`);
  }

  async down(runner: QueryRunner) {
    await runner.query('DROP TABLE processed_message');
    await runner.query('DROP TABLE outbox_message');
  }
}

/**
 * Lets housekeeping find expired inbox rows without a scan. Built concurrently (outside a transaction),
 * so a large inbox keeps taking writes while it is built.
 */
export class InboxRetentionIndex1734000000000 implements MigrationInterface {
  name = 'InboxRetentionIndex1734000000000';
  transaction = false;

  async up(runner: QueryRunner) {
    await runner.query('CREATE INDEX CONCURRENTLY IF NOT EXISTS processed_message_processed_at ON processed_message (processed_at)');
  }

  async down(runner: QueryRunner) {
    await runner.query('DROP INDEX CONCURRENTLY IF EXISTS processed_message_processed_at');
  }
}

/** Dead letters, moved out of `<service>.events.dlq` so operators can list, replay and discard them. */
export class DeadLetters1734100000000 implements MigrationInterface {
  name = 'DeadLetters1734100000000';

  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE TABLE dead_letter (
        id uuid PRIMARY KEY,
        queue text NOT NULL,
        message_id text NOT NULL,
        routing_key text NOT NULL,
        reason text NOT NULL,
        attempts integer NOT NULL,
        content text NOT NULL,
        properties jsonb NOT NULL,
        status text NOT NULL CHECK (status IN ('dead', 'replayed', 'discarded')),
        first_seen timestamptz NOT NULL DEFAULT now(),
        last_seen timestamptz NOT NULL DEFAULT now(),
        UNIQUE (queue, message_id)
      )`);
    await runner.query(`CREATE INDEX dead_letter_waiting ON dead_letter (first_seen DESC) WHERE status = 'dead'`);
  }

  async down(runner: QueryRunner) {
    await runner.query('DROP TABLE dead_letter');
  }
}
