import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * History entries carry what happened (`type`) and its facts (`data`) beside the message. Entries written
 * before are classified once from their message, the only time a message is read.
 */
export class TypedHistory1733700000000 implements MigrationInterface {
  name = 'TypedHistory1733700000000';

  async up(runner: QueryRunner) {
    await runner.query(`ALTER TABLE order_activity ADD COLUMN type text NOT NULL DEFAULT 'note', ADD COLUMN data jsonb NOT NULL DEFAULT '{}'`);
    await runner.query(`
      UPDATE order_activity SET (type, data) = (
        CASE
          WHEN message LIKE 'Order % placed' AND author <> 'system' THEN 'order_placed'
          WHEN message = 'Stock reserved for every item' THEN 'stock_reserved'
          WHEN message LIKE 'Inventory could not reserve the order: %' THEN 'reservation_failed'
          WHEN message LIKE 'Order canceled. %' THEN 'order_canceled'
          WHEN message LIKE 'Cancellation requested: %' THEN 'cancel_requested'
          WHEN message LIKE 'Cancellation refused: %' THEN 'cancel_refused'
          WHEN message LIKE 'Shipment % created via %' THEN 'shipment_created'
          WHEN message LIKE 'Shipment %' AND author = 'system' THEN 'shipment_updated'
          WHEN message LIKE 'Payment event % was not applied: %' THEN 'payment_event_rejected'
          WHEN message ~ '^(Authorization|Payment) of .* (authorized|captured|voided|failed) \\(' THEN 'payment_recorded'
          WHEN message LIKE 'Refunded %' THEN 'refund_recorded'
          WHEN message ~ '^(Payment|Shipment) status changed from ' THEN 'status_changed'
          WHEN message = 'Notes updated' THEN 'notes_updated'
          ELSE 'note'
        END,
        CASE
          WHEN message LIKE 'Cancellation refused: %' THEN jsonb_build_object('reason', substr(message, length('Cancellation refused: ') + 1))
          WHEN message LIKE 'Cancellation requested: %' THEN jsonb_build_object('reason', substr(message, length('Cancellation requested: ') + 1))
          WHEN message LIKE 'Order canceled. %' THEN jsonb_build_object('reason', substr(message, length('Order canceled. ') + 1))
          ELSE '{}'::jsonb
        END)`);
    await runner.query(`ALTER TABLE order_activity ALTER COLUMN type DROP DEFAULT`);
  }

  async down(runner: QueryRunner) {
    await runner.query('ALTER TABLE order_activity DROP COLUMN data, DROP COLUMN type');
  }
}
