import { MigrationInterface, QueryRunner } from 'typeorm';

/** Pre-orders' estimated fulfillment date, and the order's own record of its shipments (from events). */
export class FulfillmentAndShipments1733000000000 implements MigrationInterface {
  name = 'FulfillmentAndShipments1733000000000';

  async up(runner: QueryRunner) {
    await runner.query('ALTER TABLE orders ADD COLUMN estimated_fulfillment_date date');
    await runner.query(`
      CREATE TABLE order_shipment (
        shipment_id uuid PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id),
        shipment_number text NOT NULL,
        carrier text NOT NULL,
        tracking_number text,
        items jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX order_shipment_order ON order_shipment (order_id, created_at)');
  }

  async down(runner: QueryRunner) {
    await runner.query('DROP TABLE order_shipment');
    await runner.query('ALTER TABLE orders DROP COLUMN estimated_fulfillment_date');
  }
}
