import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { LOGGER, ServiceConfig } from '@oms/platform';

export interface RetentionRule {
  table: string;
  /** The column whose age decides. */
  column: string;
  hours: number;
}

/** The service's own tables that housekeeping also keeps short (see `MessagingModule.forService`). */
export const RETENTION_RULES = Symbol('RETENTION_RULES');

/** Advisory lock key of housekeeping (per database, like every advisory lock). */
const HOUSEKEEPING_LOCK = 7_312_004_212;

/**
 * Deletes what is only kept for a while — inbox rows (`processed_message`), idempotency keys, and a
 * service's own such tables (the notification log) — once it
 * is older than its retention, a batch per transaction so no statement holds many locks or runs long.
 * Several instances may run it: a batch is deleted only by the instance that holds the advisory lock
 * for it, the others skip that round.
 */
export async function purgeExpired(dataSource: DataSource, rules: RetentionRule[], batchSize: number): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {};
  for (const rule of rules) {
    deleted[rule.table] = 0;
    for (;;) {
      const count = await dataSource.transaction(async (manager) => {
        const [{ locked }] = await manager.query('SELECT pg_try_advisory_xact_lock($1) AS locked', [HOUSEKEEPING_LOCK]);
        if (!locked) return -1;
        const rows = await manager.query(
          `DELETE FROM ${rule.table} WHERE ctid = ANY (ARRAY(
             SELECT ctid FROM ${rule.table} WHERE ${rule.column} < now() - make_interval(hours => $1) LIMIT $2))
           RETURNING 1`,
          [rule.hours, batchSize]);
        // TypeORM answers [rows, count] for a DELETE
        return Array.isArray(rows[0]) ? rows[0].length : rows.length;
      });
      if (count < 0) return deleted; // another instance is at it
      deleted[rule.table] += count;
      if (count < batchSize) break;
    }
  }
  return deleted;
}

/** Runs `purgeExpired` every HOUSEKEEPING_INTERVAL_MS with the service's retention settings and rules. */
@Injectable()
export class Housekeeping implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly config: ServiceConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    @Inject(RETENTION_RULES) private readonly serviceRules: RetentionRule[],
  ) {}

  onApplicationBootstrap() {
    this.timer = setInterval(() => {
      this.running ??= this.runOnce().finally(() => (this.running = undefined));
    }, this.config.HOUSEKEEPING_INTERVAL_MS).unref();
  }

  async beforeApplicationShutdown() {
    clearInterval(this.timer);
    await this.running;
  }

  async runOnce() {
    try {
      const deleted = await purgeExpired(this.dataSource, [
        { table: 'processed_message', column: 'processed_at', hours: this.config.INBOX_RETENTION_HOURS },
        { table: 'idempotency_key', column: 'created_at', hours: this.config.IDEMPOTENCY_RETENTION_HOURS },
        ...this.serviceRules,
      ], this.config.HOUSEKEEPING_BATCH_SIZE);
      if (Object.values(deleted).some(Boolean)) this.logger.info({ deleted }, 'rows past their retention deleted');
    } catch (error) {
      this.logger.warn({ err: error }, 'housekeeping failed; it runs again at the next interval');
    }
  }
}
