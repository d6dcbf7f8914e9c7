import { MigrationInterface, QueryRunner } from 'typeorm';

/** Keyset pages of the order list, filtered by a status or an email, read in index order. */
export class OrderListIndexes1732700000000 implements MigrationInterface {
  name = 'OrderListIndexes1732700000000';

  async up(runner: QueryRunner) {
    await runner.query('CREATE INDEX orders_status_created ON orders (status, created_at DESC, id DESC)');
    await runner.query('CREATE INDEX orders_payment_status_created ON orders (payment_status, created_at DESC, id DESC)');
    await runner.query('CREATE INDEX orders_shipment_status_created ON orders (shipment_status, created_at DESC, id DESC)');
    await runner.query('CREATE INDEX orders_email_created ON orders (customer_email, created_at DESC, id DESC)');
    await runner.query('CREATE INDEX orders_grand_total ON orders (grand_total DESC, id DESC)');
  }

  async down(runner: QueryRunner) {
    for (const index of ['orders_status_created', 'orders_payment_status_created', 'orders_shipment_status_created', 'orders_email_created', 'orders_grand_total']) {
      await runner.query(`DROP INDEX ${index}`);
    }
  }
}
