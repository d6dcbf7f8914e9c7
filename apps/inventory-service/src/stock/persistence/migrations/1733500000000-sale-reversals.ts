import { MigrationInterface, QueryRunner } from 'typeorm';

/** A sale is reversed at most once, when its shipment is voided before pickup. */
export class SaleReversals1733500000000 implements MigrationInterface {
  name = 'SaleReversals1733500000000';

  async up(runner: QueryRunner) {
    await runner.query('ALTER TABLE shipment_sale ADD COLUMN reversed_at timestamptz');
  }

  async down(runner: QueryRunner) {
    await runner.query('ALTER TABLE shipment_sale DROP COLUMN reversed_at');
  }
}
