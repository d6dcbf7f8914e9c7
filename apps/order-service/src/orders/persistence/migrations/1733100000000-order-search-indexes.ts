import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `q` matches an order number exactly or any part of the customer's email or name (ILIKE '%…%'):
 * trigram indexes let PostgreSQL answer all three from indexes instead of scanning every order.
 * pg_trgm is a trusted extension: the database owner may create it.
 */
export class OrderSearchIndexes1733100000000 implements MigrationInterface {
  name = 'OrderSearchIndexes1733100000000';

  async up(runner: QueryRunner) {
    await runner.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await runner.query('CREATE INDEX orders_email_trgm ON orders USING gin (customer_email gin_trgm_ops)');
    await runner.query('CREATE INDEX orders_name_trgm ON orders USING gin (customer_full_name gin_trgm_ops)');
  }

  async down(runner: QueryRunner) {
    await runner.query('DROP INDEX orders_name_trgm');
    await runner.query('DROP INDEX orders_email_trgm');
  }
}
