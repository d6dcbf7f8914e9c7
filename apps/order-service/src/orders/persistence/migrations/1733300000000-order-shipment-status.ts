import { MigrationInterface, QueryRunner } from 'typeorm';

/** The status of each shipment as the order last heard it, and when that happened. */
export class OrderShipmentStatus1733300000000 implements MigrationInterface {
  name = 'OrderShipmentStatus1733300000000';

  async up(runner: QueryRunner) {
    await runner.query(`ALTER TABLE order_shipment ADD COLUMN status text NOT NULL DEFAULT 'shipped'`);
    await runner.query('ALTER TABLE order_shipment ADD COLUMN status_at timestamptz');
  }

  async down(runner: QueryRunner) {
    await runner.query('ALTER TABLE order_shipment DROP COLUMN status_at');
    await runner.query('ALTER TABLE order_shipment DROP COLUMN status');
  }
}
