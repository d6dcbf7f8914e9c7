import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateOrders1732400000000 implements MigrationInterface {
  name = 'CreateOrders1732400000000';

  async up(runner: QueryRunner) {
    await runner.query('CREATE SEQUENCE order_number_seq START 1');
    await runner.query(`
      CREATE TABLE orders (
        id uuid PRIMARY KEY,
        order_number text NOT NULL UNIQUE,
        currency char(3) NOT NULL,
        customer_id text,
        customer_email text NOT NULL,
        customer_full_name text NOT NULL,
        customer_phone text,
        status text NOT NULL,
        payment_status text NOT NULL,
        shipment_status text NOT NULL,
        inventory_status text NOT NULL CHECK (inventory_status IN ('reserving', 'reserved', 'failed', 'released')),
        inventory_settled_at timestamptz,
        shipping_address jsonb NOT NULL,
        billing_address jsonb NOT NULL,
        shipping_method text,
        payment_method text NOT NULL,
        coupon text,
        order_type text NOT NULL,
        notes text,
        metadata jsonb,
        sub_total bigint NOT NULL,
        discount_amount bigint NOT NULL,
        tax_amount bigint NOT NULL,
        shipping_fee bigint NOT NULL,
        grand_total bigint NOT NULL CHECK (grand_total >= 0),
        total_qty integer NOT NULL,
        total_weight numeric(14, 4),
        cancel_reason text,
        canceled_at timestamptz,
        version integer NOT NULL DEFAULT 1,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX orders_created_at ON orders (created_at DESC, id DESC)');
    await runner.query('CREATE INDEX orders_customer ON orders (customer_id, created_at DESC)');
    await runner.query(`
      CREATE TABLE order_item (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id),
        position smallint NOT NULL,
        sku text NOT NULL,
        name text NOT NULL,
        qty integer NOT NULL CHECK (qty > 0),
        price bigint NOT NULL,
        discount_amount bigint NOT NULL,
        tax_amount bigint NOT NULL,
        final_price bigint NOT NULL,
        line_total bigint NOT NULL,
        weight numeric(14, 4),
        variant_options jsonb,
        UNIQUE (order_id, position)
      )`);
    await runner.query(`
      CREATE TABLE order_activity (
        id uuid PRIMARY KEY,
        order_id uuid NOT NULL REFERENCES orders (id),
        message text NOT NULL,
        customer_notified boolean NOT NULL,
        author text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT clock_timestamp()
      )`);
    await runner.query('CREATE INDEX order_activity_order ON order_activity (order_id, created_at)');
  }

  async down(runner: QueryRunner) {
    await runner.query('DROP TABLE order_activity');
    await runner.query('DROP TABLE order_item');
    await runner.query('DROP TABLE orders');
    await runner.query('DROP SEQUENCE order_number_seq');
  }
}
