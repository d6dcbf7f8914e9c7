import { MigrationInterface, QueryRunner } from 'typeorm';

/** How the customer wants to hear of the order: texts (opt-in) and the language of its messages. */
export class CustomerMessaging1733800000000 implements MigrationInterface {
  name = 'CustomerMessaging1733800000000';

  async up(runner: QueryRunner) {
    await runner.query(`ALTER TABLE orders ADD COLUMN customer_sms_opt_in boolean NOT NULL DEFAULT false, ADD COLUMN customer_locale text`);
  }

  async down(runner: QueryRunner) {
    await runner.query(`ALTER TABLE orders DROP COLUMN customer_sms_opt_in, DROP COLUMN customer_locale`);
  }
}
