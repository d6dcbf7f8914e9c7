import { IsIn, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateBy } from 'class-validator';

export const inProduction = () => process.env.NODE_ENV === 'production';

/** One broker URL, or the nodes of a cluster comma-separated. */
export const AMQP_URLS = /^amqps?:\/\/[^,\s]+(\s*,\s*amqps?:\/\/[^,\s]+)*$/;

/** Refuses a secret's development default under NODE_ENV=production; the property's other checks still apply. */
export const NotDevelopmentSecretInProduction = (development: string) =>
  ValidateBy({
    name: 'notDevelopmentSecretInProduction',
    validator: { validate: (value) => !inProduction() || value !== development, defaultMessage: (args) => `${args?.property} must be set in production` },
  });

/** The environment every backend service reads; each service's config extends it with its defaults. */
export abstract class ServiceConfig {
  @IsInt() @Min(1) @Max(65535) PORT = 3000;
  @IsIn(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) LOG_LEVEL = 'info';
  /** The PostgreSQL server; the service's database on it is DATABASE_NAME, created if missing. */
  @Matches(/^postgres(ql)?:\/\//) POSTGRES_URL = 'postgres://postgres@127.0.0.1:5432';
  /** Names the databases `<prefix>_order`, `<prefix>_inventory`, …: several stacks can share one server. */
  @Matches(/^[a-z_][a-z0-9_]{0,40}$/) DATABASE_PREFIX = 'oms';
  /** The service's database; default `<DATABASE_PREFIX>_<databaseSuffix>`. */
  @IsOptional() @Matches(/^[a-z_][a-z0-9_]{0,62}$/) DATABASE_NAME?: string = undefined;
  /** A full URL to the service's database, overriding POSTGRES_URL + DATABASE_NAME. */
  @IsOptional() @Matches(/^postgres(ql)?:\/\//) DATABASE_URL?: string;
  @IsInt() @Min(1) @Max(500) DATABASE_POOL_SIZE = 10;
  /** The broker; the nodes of a cluster comma-separated (a lost node's neighbours are tried in turn). */
  @Matches(AMQP_URLS, { message: 'AMQP_URL must be amqp:// or amqps:// URLs, comma-separated' }) AMQP_URL = 'amqp://guest:guest@127.0.0.1:5672';
  /** How many events one instance handles at once. */
  @IsInt() @Min(1) @Max(1000) EVENT_PREFETCH = 32;
  /** At most this many waiting events are applied in one transaction (1: one transaction per event). */
  @IsInt() @Min(1) @Max(500) EVENT_BATCH_SIZE = 16;
  /** At most this many of those transactions at once, per instance (more can deadlock: batches lock rows event by event). */
  @IsInt() @Min(1) @Max(100) EVENT_BATCH_CONCURRENCY = 1;
  /** At most this many hot requests (placing orders) that wait for one another are committed in one transaction (1: each its own). */
  @IsInt() @Min(1) @Max(500) GROUP_COMMIT_SIZE = 32;
  /** At most this many of those transactions at once, per instance. */
  @IsInt() @Min(1) @Max(100) GROUP_COMMIT_CONCURRENCY = 2;
  /** Attempts of a failing event before it goes to the DLQ. */
  @IsInt() @Min(1) @Max(100) EVENT_MAX_ATTEMPTS = 5;
  /** Delays between attempts (ms, comma separated); the last one repeats. */
  @Matches(/^\d+(,\d+)*$/) EVENT_RETRY_DELAYS_MS = '1000,5000,30000';
  @IsInt() @Min(1) @Max(5000) OUTBOX_BATCH_SIZE = 200;
  /** How often the outbox is polled for rows written by other instances (ms). */
  @IsInt() @Min(10) OUTBOX_POLL_MS = 500;
  /** Published outbox rows are kept this long for audit, then deleted. */
  @IsInt() @Min(0) OUTBOX_RETENTION_HOURS = 24;
  @IsInt() @Min(100) SHUTDOWN_TIMEOUT_MS = 10000;
  /**
   * Inbox rows (which events were applied) are kept this long, then deleted. Longer than any redelivery:
   * a dead letter replayed after this is applied again, so replay within it.
   */
  @IsInt() @Min(1) INBOX_RETENTION_HOURS = 24 * 14;
  /** Idempotency keys are kept this long: a retry with the same key after it is a new request. */
  @IsInt() @Min(1) IDEMPOTENCY_RETENTION_HOURS = 24 * 7;
  @IsInt() @Min(1000) HOUSEKEEPING_INTERVAL_MS = 10 * 60_000;
  @IsInt() @Min(1) @Max(100_000) HOUSEKEEPING_BATCH_SIZE = 5000;
  @IsString() SERVICE_NAME = 'oms';
  /** What the service's database is called after DATABASE_PREFIX: `order`, `inventory`, … (a getter: not a setting) */
  protected abstract get databaseSuffix(): string;

  databaseUrl(): string {
    return this.DATABASE_URL ?? `${this.POSTGRES_URL.replace(/\/+$/, '')}/${this.DATABASE_NAME ?? `${this.DATABASE_PREFIX}_${this.databaseSuffix}`}`;
  }

  retryDelaysMs(): number[] {
    return this.EVENT_RETRY_DELAYS_MS.split(',').map(Number);
  }
}
