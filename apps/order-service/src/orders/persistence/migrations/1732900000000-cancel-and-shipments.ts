import { MigrationInterface, QueryRunner } from 'typeorm';

/** The cancel semantic lock, and what has shipped of each item. */
export class CancelAndShipments1732900000000 implements MigrationInterface {
  name = 'CancelAndShipments1732900000000';

  async up(runner: QueryRunner) {
    await runner.query('ALTER TABLE orders ADD COLUMN cancel_pending boolean NOT NULL DEFAULT false');
    await runner.query('ALTER TABLE order_item ADD COLUMN shipped_qty integer NOT NULL DEFAULT 0 CHECK (shipped_qty >= 0)');
  }

  async down(runner: QueryRunner) {
    await runner.query('ALTER TABLE order_item DROP COLUMN shipped_qty');
    await runner.query('ALTER TABLE orders DROP COLUMN cancel_pending');
  }
}
