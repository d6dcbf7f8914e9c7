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
