import { MigrationInterface, QueryRunner } from 'typeorm';

/** Every tracking update a shipment received, applied or not, and when its last applied one happened. */
export class TrackingHistory1733200000000 implements MigrationInterface {
  name = 'TrackingHistory1733200000000';

  async up(runner: QueryRunner) {
    await runner.query('ALTER TABLE shipment ADD COLUMN last_event_at timestamptz');
    await runner.query('UPDATE shipment SET last_event_at = shipped_at');
    await runner.query(`
      CREATE TABLE tracking_event (
        id bigserial PRIMARY KEY,
        shipment_id uuid NOT NULL REFERENCES shipment (id),
        status text NOT NULL,
        occurred_at timestamptz NOT NULL,
        source text NOT NULL,
        applied boolean NOT NULL,
        received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await runner.query('CREATE INDEX tracking_event_shipment ON tracking_event (shipment_id, occurred_at)');
  }

  async down(runner: QueryRunner) {
    await runner.query('DROP TABLE tracking_event');
    await runner.query('ALTER TABLE shipment DROP COLUMN last_event_at');
  }
}
