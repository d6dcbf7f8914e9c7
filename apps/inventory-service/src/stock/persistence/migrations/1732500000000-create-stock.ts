import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateStock1732500000000 implements MigrationInterface {
  name = 'CreateStock1732500000000';

  async up(runner: QueryRunner) {
    await runner.query(`
      CREATE TABLE stock_item (
        sku text PRIMARY KEY,
        on_hand integer NOT NULL,
        reserved integer NOT NULL DEFAULT 0 CHECK (reserved >= 0),
        low_stock_threshold integer NOT NULL DEFAULT 0 CHECK (low_stock_threshold >= 0),
        allow_backorder boolean NOT NULL DEFAULT false,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT stock_never_oversold CHECK (allow_backorder OR (on_hand >= 0 AND on_hand >= reserved))
      )`);
    await runner.query(`
      CREATE TABLE stock_movement (
        id bigserial PRIMARY KEY,
        sku text NOT NULL REFERENCES stock_item (sku),
        kind text NOT NULL CHECK (kind IN ('reservation', 'release', 'sale', 'restock', 'adjustment')),
        on_hand_delta integer NOT NULL,
        reserved_delta integer NOT NULL,
        order_id uuid,
        shipment_id uuid,
        refund_id uuid,
        reason text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX stock_movement_sku ON stock_movement (sku, id)');
    await runner.query('CREATE INDEX stock_movement_order ON stock_movement (order_id) WHERE order_id IS NOT NULL');
    await runner.query(`
      CREATE TABLE order_reservation (
        order_id uuid PRIMARY KEY,
        status text NOT NULL CHECK (status IN ('reserved', 'failed', 'released', 'canceled_before_placed')),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE reservation_line (
        order_id uuid NOT NULL REFERENCES order_reservation (order_id),
        sku text NOT NULL REFERENCES stock_item (sku),
        qty integer NOT NULL CHECK (qty > 0),
        shipped_qty integer NOT NULL DEFAULT 0 CHECK (shipped_qty BETWEEN 0 AND qty),
        restocked_qty integer NOT NULL DEFAULT 0 CHECK (restocked_qty BETWEEN 0 AND shipped_qty),
        PRIMARY KEY (order_id, sku)
      )`);
    // one row per shipment sold and per refund restocked: each is booked exactly once
    await runner.query(`
      CREATE TABLE shipment_sale (
        shipment_id uuid PRIMARY KEY,
        order_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query(`
      CREATE TABLE refund_restock (
        refund_id uuid PRIMARY KEY,
        order_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(runner: QueryRunner) {
    await runner.query('DROP TABLE refund_restock');
    await runner.query('DROP TABLE shipment_sale');
    await runner.query('DROP TABLE reservation_line');
    await runner.query('DROP TABLE order_reservation');
    await runner.query('DROP TABLE stock_movement');
    await runner.query('DROP TABLE stock_item');
  }
}
