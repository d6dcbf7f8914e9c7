import { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { Counter, Gauge, Registry } from 'prom-client';
import { sql } from '@oms/persistence';
import { withTimeout } from '@oms/platform';
import { AmqpClient } from '../amqp-client';

export interface OutboxRelayOptions {
  batchSize: number;
  pollIntervalMs: number;
  retentionHours: number;
  confirmTimeoutMs?: number;
  /**
   * The sweep publishes a row once it is this old and its own process has not published it: rows that
   * a crash or a broker outage left behind, or that another instance is publishing right now (so it does
   * not publish them a second time).
   */
  sweepAfterMs?: number;
}

/** An outbox row as the relay publishes it: read back by the sweep, or handed over by the transaction that wrote it. */
export interface OutboxMessage {
  id: string;
  exchange: string;
  routingKey: string;
  /** The envelope as written to the row, in JSON. */
  body: string;
  correlationId: string;
  occurredAt: string;
}

interface OutboxRow {
  id: string;
  exchange: string;
  routing_key: string;
  envelope: { correlationId: string; occurredAt: string };
}

const PURGE_EVERY_MS = 10 * 60 * 1000;
const SWEEP_AFTER_MS = 2000;
/** Batches handed over and waiting at most (a broker that confirms slowly): beyond, rows wait for the sweep, in the table rather than in memory. */
const MAX_BATCHES_IN_HAND = 20;
/**
 * Confirmed rows are marked published together, at most this often: one UPDATE (and one commit) for
 * all the batches confirmed meanwhile instead of one per batch, which at a low rate is one per event.
 * They stay in hand until then, so the sweep leaves them alone; a crash in between publishes them
 * again, as a crash between the confirm and the update always could.
 */
const MARK_EVERY_MS = 100;

/**
 * Publishes committed outbox rows with publisher confirms and marks them published once the broker
 * confirmed them: a crash or a broker outage means a later publish, never a lost event (consumers
 * deduplicate the rare double). Rows its own process committed are handed over right after the commit
 * and published from memory, in batches of what arrives meanwhile (one publish, one confirm wait and one
 * update per batch, no reading back); a sweep polls for the rest — rows a crash, a failed publish or a
 * broker outage left — claimed with FOR UPDATE SKIP LOCKED so several instances share them, oldest first.
 */
export class OutboxRelay {
  private running?: Promise<void>;
  private stopped = false;
  private sleeper?: () => void;
  private lastPurge = 0;
  private readonly published: Counter;
  /** Handed over by committed transactions, waiting to be published. */
  private readonly handedOver: OutboxMessage[] = [];
  /** The ids of rows held for or handed over by this process's transactions and not marked published yet: the sweep leaves them alone. */
  private readonly inHand = new Set<string>();
  private forwarding?: Promise<void>;
  /** Ids the broker confirmed, waiting to be marked published (see MARK_EVERY_MS). */
  private readonly toMark: string[] = [];
  private marking?: Promise<void>;
  private markNow?: () => void;

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

  /** Keeps the sweep off rows that a transaction of this process wrote and is about to commit. */
  hold(messages: OutboxMessage[]): void {
    for (const message of messages) this.inHand.add(message.id);
  }

  /** Lets the sweep have rows held for a transaction that failed (or may have committed: then it publishes them). */
  release(messages: OutboxMessage[]): void {
    this.releaseIds(messages.map((message) => message.id));
  }

  private releaseIds(ids: string[]): void {
    for (const id of ids) this.inHand.delete(id);
  }

  /** Publishes held rows soon: their transaction has committed. Past a backlog of its own, they are the sweep's. */
  committed(messages: OutboxMessage[]): void {
    if (this.handedOver.length >= this.options.batchSize * MAX_BATCHES_IN_HAND) this.release(messages);
    else this.handedOver.push(...messages);
    this.forwarding ??= this.forward().finally(() => {
      this.forwarding = undefined;
      if (this.handedOver.length) this.committed([]);
    });
  }

  /** Finishes what is in flight (marking what was confirmed at once), then stops; rows not published yet wait in the table. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.sleeper?.();
    await Promise.all([this.running, this.forwarding]);
    this.markNow?.();
    while (this.marking) await this.marking;
    this.running = undefined;
  }

  /** Publishes what was handed over, a batch at a time; what fails stays in the table for the sweep. */
  private async forward(): Promise<void> {
    while (this.handedOver.length) {
      const batch = this.handedOver.splice(0, this.options.batchSize);
      try {
        await this.publish(batch);
        this.markSoon(batch.map((m) => m.id));
      } catch (error) {
        // an outage is the sweep's to log and to wait out (with backoff): it takes these rows and what waits behind them
        if (this.amqp.isConnected) this.logger.warn({ err: error, events: batch.length }, 'could not publish committed events; the outbox sweep publishes them');
        this.release(this.handedOver.splice(0));
        this.release(batch);
      }
    }
  }

  /** Marks confirmed rows published within MARK_EVERY_MS (at once when stopping), together with those confirmed meanwhile. */
  private markSoon(ids: string[]): void {
    this.toMark.push(...ids);
    this.marking ??= this.markConfirmed().finally(() => {
      this.marking = undefined;
      if (this.toMark.length) this.markSoon([]);
    });
  }

  private async markConfirmed(): Promise<void> {
    if (!this.stopped) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, MARK_EVERY_MS);
        this.markNow = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.markNow = undefined;
    }
    const ids = this.toMark.splice(0);
    try {
      await this.markPublished(this.dataSource, ids);
    } catch (error) {
      // they stay unpublished in the table: the sweep publishes them again, and consumers drop the copies
      this.logger.warn({ err: error, events: ids.length }, 'could not mark published events; the outbox sweep publishes them again');
    } finally {
      this.releaseIds(ids);
    }
  }

  /** Publishes the rows and waits for the broker's confirms. */
  private async publish(messages: OutboxMessage[]): Promise<void> {
    const channel = this.amqp.confirmChannel();
    for (const message of messages) {
      channel.publish(message.exchange, message.routingKey, Buffer.from(message.body), {
        persistent: true,
        messageId: message.id,
        type: message.routingKey,
        correlationId: message.correlationId,
        contentType: 'application/json',
        timestamp: Math.floor(Date.parse(message.occurredAt) / 1000),
      });
    }
    await this.confirmed(channel.waitForConfirms());
    for (const message of messages) this.published.inc({ type: message.routingKey });
  }

  private async markPublished(executor: DataSource | EntityManager, ids: string[]): Promise<void> {
    await sql(executor, 'UPDATE outbox_message SET published_at = now() WHERE id = ANY($1)', [ids]);
  }

  /** Publishes one batch of the rows left behind (see `sweepAfterMs`); returns how many it published. */
  private async sweep(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows = await sql<OutboxRow>(
        manager,
        `SELECT id, exchange, routing_key, envelope FROM outbox_message
         WHERE published_at IS NULL AND created_at < now() - make_interval(secs => $2) AND id <> ALL($3::uuid[])
         ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.options.batchSize, (this.options.sweepAfterMs ?? SWEEP_AFTER_MS) / 1000, [...this.inHand]],
      );
      // a row held since the query was sent: its commit raced the query's snapshot, and it is being forwarded
      const leftBehind = rows.filter((row) => !this.inHand.has(row.id));
      if (!leftBehind.length) return 0;
      await this.publish(leftBehind.map((row) => ({
        id: row.id, exchange: row.exchange, routingKey: row.routing_key, body: JSON.stringify(row.envelope),
        correlationId: row.envelope.correlationId, occurredAt: row.envelope.occurredAt,
      })));
      await this.markPublished(manager, leftBehind.map((row) => row.id));
      return leftBehind.length;
    });
  }

  private confirmed(confirms: Promise<void>): Promise<void> {
    const timeoutMs = this.options.confirmTimeoutMs ?? 10_000;
    return withTimeout(confirms, timeoutMs, () => new Error(`no publisher confirm within ${timeoutMs} ms`));
  }

  private async run(): Promise<void> {
    let failures = 0;
    while (!this.stopped) {
      if (!this.amqp.isConnected) {
        // the client logs the outage and reconnects; rows wait safely in the table meanwhile
        await this.sleep(this.options.pollIntervalMs);
        continue;
      }
      try {
        const count = await this.sweep();
        failures = 0;
        if (count === this.options.batchSize) continue;
        await this.purgeIfDue();
        await this.sleep(this.options.pollIntervalMs);
      } catch (error) {
        failures++;
        const delay = Math.min(100 * 2 ** failures, 5000);
        if (failures === 1 || failures % 20 === 0) {
          this.logger.warn({ err: error, retryInMs: delay, failures }, 'outbox publish failed, will retry');
        }
        await this.sleep(delay);
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

  /** Waits `ms`, or until stop(). */
  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.sleeper?.(), ms);
      this.sleeper = () => {
        clearTimeout(timer);
        this.sleeper = undefined;
        resolve();
      };
    });
  }
}
