import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateShipments1732800000000 implements MigrationInterface {
  name = 'CreateShipments1732800000000';

  async up(runner: QueryRunner) {
    // what the shipment service knows of each order, from events; its row is the per-order lock
    await runner.query(`
      CREATE TABLE order_replica (
        order_id uuid PRIMARY KEY,
        order_number text UNIQUE,
        lines jsonb,
        stock_status text NOT NULL DEFAULT 'unknown' CHECK (stock_status IN ('unknown', 'reserved', 'failed')),
        canceled boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE SEQUENCE shipment_number_seq START 1');
    await runner.query(`
      CREATE TABLE shipment (
        id uuid PRIMARY KEY,
        shipment_number text NOT NULL UNIQUE,
        order_id uuid NOT NULL REFERENCES order_replica (order_id),
        carrier text NOT NULL,
        tracking_number text,
        tracking_url text,
        status text NOT NULL,
        note text,
        shipped_at timestamptz,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX shipment_order ON shipment (order_id, created_at)');
    await runner.query(`
      CREATE TABLE shipment_item (
        shipment_id uuid NOT NULL REFERENCES shipment (id),
        order_item_id uuid NOT NULL,
        sku text NOT NULL,
        qty integer NOT NULL CHECK (qty > 0),
        PRIMARY KEY (shipment_id, order_item_id)
      )`);
  }

  async down(runner: QueryRunner) {
    await runner.query('DROP TABLE shipment_item');
    await runner.query('DROP TABLE shipment');
    await runner.query('DROP SEQUENCE shipment_number_seq');
    await runner.query('DROP TABLE order_replica');
  }
}
