import { MigrationInterface, QueryRunner } from 'typeorm';

/** Who and where an order ships to, from order.placed: packing slips (and labels) need it. */
export class ShipTo1733400000000 implements MigrationInterface {
  name = 'ShipTo1733400000000';

  async up(runner: QueryRunner) {
    await runner.query('ALTER TABLE order_replica ADD COLUMN customer_name text');
    await runner.query('ALTER TABLE order_replica ADD COLUMN shipping_address jsonb');
  }

  async down(runner: QueryRunner) {
    await runner.query('ALTER TABLE order_replica DROP COLUMN shipping_address');
    await runner.query('ALTER TABLE order_replica DROP COLUMN customer_name');
  }
}
