import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { Counter, Gauge, Registry } from 'prom-client';
import { sql } from '@oms/persistence';
import { AmqpClient } from '../amqp-client';

export interface OutboxRelayOptions {
  batchSize: number;
  pollIntervalMs: number;
  retentionHours: number;
  confirmTimeoutMs?: number;
}

interface OutboxRow {
  id: string;
  exchange: string;
  routing_key: string;
  envelope: { correlationId: string; occurredAt: string };
}

const PURGE_EVERY_MS = 10 * 60 * 1000;

/**
 * Publishes committed outbox rows with publisher confirms, in batches, oldest first. Rows are claimed
 * with FOR UPDATE SKIP LOCKED so several instances share the work, and marked published only after the
 * broker confirmed them: a crash or a broker outage means a later publish, never a lost event (consumers
 * deduplicate the rare double). Woken right after local commits; polls for the rest.
 */
export class OutboxRelay {
  private running?: Promise<void>;
  private stopped = false;
  private wakeRequested = false;
  private sleeper?: { done: () => void; wakeable: boolean };
  private lastPurge = 0;
  private readonly published: Counter;

  constructor(
    private readonly dataSource: DataSource,
    private readonly amqp: AmqpClient,
    private readonly logger: Logger,
    private readonly options: OutboxRelayOptions,
    registry?: Registry,
  ) {
    this.published = new Counter({
      name: 'oms_outbox_published_total',
      help: 'Events published from the outbox, by type',
      labelNames: ['type'],
      registers: registry ? [registry] : [],
    });
    if (registry) this.registerBacklogGauges(registry);
  }

  /** What waits to be published, and for how long the oldest has: read when Prometheus scrapes. */
  private registerBacklogGauges(registry: Registry) {
    const backlog = () => this.dataSource.query(
      `SELECT count(*)::int AS rows, coalesce(extract(epoch FROM now() - min(created_at)), 0)::float AS age FROM outbox_message WHERE published_at IS NULL`,
    ).then(([row]: { rows: number; age: number }[]) => row, () => ({ rows: NaN, age: NaN }));
    new Gauge({
      name: 'oms_outbox_backlog', help: 'Outbox rows not yet published', registers: [registry],
      async collect() {
        this.set((await backlog()).rows);
      },
    });
    new Gauge({
      name: 'oms_outbox_oldest_unpublished_seconds', help: 'Age of the oldest outbox row not yet published', registers: [registry],
      async collect() {
        this.set((await backlog()).age);
      },
    });
  }

  start(): void {
    this.stopped = false;
    this.running ??= this.run();
  }

  /** Publish soon: called after a transaction that wrote outbox rows has committed. */
  wake(): void {
    this.wakeRequested = true;
    if (this.sleeper?.wakeable) this.sleeper.done();
  }

  /** Finishes the batch in flight, then stops. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.sleeper?.done();
    await this.running;
    this.running = undefined;
  }

  /** Publishes one batch; returns how many rows it published. Exposed for tests and tooling. */
  async publishBatch(): Promise<number> {
    const channel = this.amqp.confirmChannel();
    return this.dataSource.transaction(async (manager) => {
      const rows = await sql<OutboxRow>(
        manager,
        `SELECT id, exchange, routing_key, envelope FROM outbox_message
         WHERE published_at IS NULL ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize],
      );
      if (!rows.length) return 0;
      for (const row of rows) {
        channel.publish(row.exchange, row.routing_key, Buffer.from(JSON.stringify(row.envelope)), {
          persistent: true,
          messageId: row.id,
          type: row.routing_key,
          correlationId: row.envelope.correlationId,
          contentType: 'application/json',
          timestamp: Math.floor(Date.parse(row.envelope.occurredAt) / 1000),
        });
      }
      await this.confirmed(channel.waitForConfirms());
      await sql(manager, 'UPDATE outbox_message SET published_at = now() WHERE id = ANY($1)', [
        rows.map((row) => row.id),
      ]);
      for (const row of rows) this.published.inc({ type: row.routing_key });
      return rows.length;
    });
  }

  private confirmed(confirms: Promise<void>): Promise<void> {
    const timeoutMs = this.options.confirmTimeoutMs ?? 10_000;
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no publisher confirm within ${timeoutMs} ms`)), timeoutMs);
    });
    return Promise.race([confirms, timeout]).finally(() => clearTimeout(timer));
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      this.wakeRequested = false;
      if (!this.amqp.isConnected) {
        // the client logs the outage and reconnects; rows wait safely in the table meanwhile
        await this.sleep(this.options.pollIntervalMs, false);
        continue;
      }
      try {
        const count = await this.publishBatch();
        failures = 0;
        if (count === this.options.batchSize) continue;
        await this.purgeIfDue();
        if (!this.wakeRequested) await this.sleep(this.options.pollIntervalMs, true);
      } catch (error) {
        failures++;
        const delay = Math.min(100 * 2 ** failures, 5000);
        if (failures === 1 || failures % 20 === 0) {
          this.logger.warn({ err: error, retryInMs: delay, failures }, 'outbox publish failed, will retry');
        }
        await this.sleep(delay, false);
      }
    }
  }

  private async purgeIfDue() {
    if (Date.now() - this.lastPurge < PURGE_EVERY_MS) return;
    this.lastPurge = Date.now();
    await this.dataSource.query(
      `DELETE FROM outbox_message WHERE published_at < now() - make_interval(hours => $1)`,
      [this.options.retentionHours],
    );
  }

  /** Waits `ms`; a wakeable wait (idle polling) ends early on wake(), a backoff wait only on stop(). */
  private sleep(ms: number, wakeable: boolean): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.sleeper = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.sleeper = { done, wakeable };
    });
  }
}
