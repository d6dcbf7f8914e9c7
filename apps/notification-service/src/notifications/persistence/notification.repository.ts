import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { NotificationChannel, NotificationStatus } from '@oms/contracts';
import { arrayParams, column, columnArrays, columnNames, Columns, fromRow, jsonb, sql } from '@oms/persistence';

export type NotificationAudience = 'customer' | 'staff' | 'subscriber';

/** A notification and its delivery job: what to send, to whom, and where it stands. */
export interface Notification {
  id: string;
  /** Its place in the delivery log (bigint as text). */
  seq: string;
  dedupKey: string;
  eventId: string;
  eventType: string;
  orderId: string | null;
  channel: NotificationChannel;
  recipient: string;
  template: string;
  audience: NotificationAudience;
  locale: string | null;
  subscriptionId: string | null;
  resendOf: string | null;
  status: NotificationStatus;
  statusReason: string | null;
  subject: string | null;
  html: string | null;
  text: string | null;
  /** The JSON of a webhook or Slack message. */
  body: unknown;
  attemptCount: number;
  nextAttemptAt: Date | null;
  leaseUntil: Date | null;
  eventOccurredAt: Date;
  createdAt: Date;
  sentAt: Date | null;
}

export interface Attempt {
  notificationId: string;
  at: Date;
  ok: boolean;
  error: string | null;
  responseStatus: number | null;
  durationMs: number;
}

export const NOTIFICATION_COLUMNS: Columns<Notification> = {
  id: column('id', 'uuid'),
  seq: column('seq', 'bigint'),
  dedupKey: column('dedup_key', 'text'),
  eventId: column('event_id', 'uuid'),
  eventType: column('event_type', 'text'),
  orderId: column('order_id', 'uuid'),
  channel: column('channel', 'text'),
  recipient: column('recipient', 'text'),
  template: column('template', 'text'),
  audience: column('audience', 'text'),
  locale: column('locale', 'text'),
  subscriptionId: column('subscription_id', 'uuid'),
  resendOf: column('resend_of', 'uuid'),
  status: column('status', 'text'),
  statusReason: column('status_reason', 'text'),
  subject: column('subject', 'text'),
  html: column('html', 'text'),
  text: column('text', 'text'),
  body: jsonb('body'),
  attemptCount: column('attempt_count', 'integer'),
  nextAttemptAt: column('next_attempt_at', 'timestamptz'),
  leaseUntil: column('lease_until', 'timestamptz'),
  eventOccurredAt: column('event_occurred_at', 'timestamptz'),
  createdAt: column('created_at', 'timestamptz'),
  sentAt: column('sent_at', 'timestamptz'),
};

const ATTEMPT_COLUMNS: Columns<Attempt> = {
  notificationId: column('notification_id', 'uuid'),
  at: column('at', 'timestamptz'),
  ok: column('ok', 'boolean'),
  error: column('error', 'text'),
  responseStatus: column('response_status', 'integer'),
  durationMs: column('duration_ms', 'integer'),
};

export type NewNotification = Omit<Notification, 'seq' | 'attemptCount' | 'leaseUntil' | 'createdAt' | 'sentAt'>;
const NEW_FIELDS = [
  'id', 'dedupKey', 'eventId', 'eventType', 'orderId', 'channel', 'recipient', 'template', 'audience', 'locale', 'subscriptionId', 'resendOf',
  'status', 'statusReason', 'subject', 'html', 'text', 'body', 'nextAttemptAt', 'eventOccurredAt', 'leaseUntil', 'attemptCount',
] as const satisfies readonly (keyof Notification)[];

/** The jobs of an add whose first attempt is leased to this process already (see DeliveryQueue), and until when. */
export interface JobLease {
  ids: ReadonlySet<string>;
  until: Date;
}

const INSERT = `
  INSERT INTO notification (${columnNames(NOTIFICATION_COLUMNS, NEW_FIELDS)})
  SELECT * FROM unnest(${arrayParams(NOTIFICATION_COLUMNS, NEW_FIELDS)})
  ON CONFLICT (dedup_key) DO NOTHING
  RETURNING id, seq, created_at`;

/**
 * Due jobs of one channel, leased to this sender: another instance skips them (SKIP LOCKED) and so does
 * this one until the lease runs out — which it only does when the sender died between claiming and
 * recording, so the job is tried again. A webhook waits while its subscription is disabled.
 */
const CLAIM = `
  WITH due AS (
    SELECT n.id FROM notification n
    WHERE n.channel = $1 AND n.status = 'pending' AND n.next_attempt_at <= now() AND (n.lease_until IS NULL OR n.lease_until < now())
      AND (n.subscription_id IS NULL OR EXISTS (SELECT 1 FROM webhook_subscription s WHERE s.id = n.subscription_id AND s.enabled))
    ORDER BY n.next_attempt_at
    LIMIT $2
    FOR UPDATE OF n SKIP LOCKED
  )
  UPDATE notification n SET lease_until = now() + $3 * interval '1 millisecond', attempt_count = n.attempt_count + 1
  FROM due WHERE n.id = due.id
  RETURNING n.*`;

/** Where a job stands after an attempt. */
export interface JobState {
  status: NotificationStatus;
  statusReason: string | null;
  nextAttemptAt: Date | null;
}

export interface NotificationFilter {
  orderId?: string;
  channel?: string;
  status?: string;
  event?: string;
  subscriptionId?: string;
}

@Injectable()
export class NotificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Adds the jobs in the caller's transaction; those planned already (same dedup key) are skipped. Those
   * `leased` go in with their first attempt leased (it is under way). Answers the jobs added.
   */
  async add(manager: EntityManager, notifications: NewNotification[], leased?: JobLease): Promise<Notification[]> {
    if (!notifications.length) return [];
    const jobs = notifications.map((n) => (leased?.ids.has(n.id) ? { ...n, leaseUntil: leased.until, attemptCount: 1 } : { ...n, leaseUntil: null, attemptCount: 0 }));
    const rows = await sql<{ id: string; seq: string; created_at: Date }>(manager, INSERT, columnArrays(NOTIFICATION_COLUMNS, jobs, NEW_FIELDS));
    const added = new Map(rows.map((row) => [row.id, row]));
    return jobs.flatMap((job) => {
      const row = added.get(job.id);
      return row ? [{ ...job, seq: row.seq, createdAt: row.created_at, sentAt: null }] : [];
    });
  }

  async claimDue(channel: NotificationChannel, limit: number, leaseMs: number): Promise<Notification[]> {
    // a statement of its own: the lease commits before anything is sent
    const rows = await sql(this.dataSource, CLAIM, [channel, limit, leaseMs]);
    return rows.map((row) => fromRow(NOTIFICATION_COLUMNS, row));
  }

  /** Records attempts and where each job now stands, releasing their leases: one statement for any number. */
  async recordAttempts(manager: EntityManager, attempts: (Attempt & JobState)[]): Promise<void> {
    await sql(manager,
      `WITH u AS (
         SELECT * FROM unnest($1::uuid[], $2::timestamptz[], $3::boolean[], $4::text[], $5::integer[], $6::integer[], $7::text[], $8::text[], $9::timestamptz[])
           AS u (id, at, ok, error, response_status, duration_ms, status, reason, next)
       ), attempts AS (
         INSERT INTO notification_attempt (notification_id, at, ok, error, response_status, duration_ms)
         SELECT id, at, ok, error, response_status, duration_ms FROM u
       )
       UPDATE notification n SET status = u.status, status_reason = u.reason, next_attempt_at = u.next, lease_until = NULL,
         sent_at = CASE WHEN u.status = 'sent' THEN now() ELSE n.sent_at END
       FROM u WHERE n.id = u.id`,
      [attempts.map((a) => a.notificationId), attempts.map((a) => a.at), attempts.map((a) => a.ok), attempts.map((a) => a.error),
        attempts.map((a) => a.responseStatus), attempts.map((a) => a.durationMs),
        attempts.map((a) => a.status), attempts.map((a) => a.statusReason), attempts.map((a) => a.nextAttemptAt)]);
  }

  /** Pending deliveries of a deleted subscription will never go out. */
  async suppressPendingOf(manager: EntityManager, subscriptionId: string, reason: string): Promise<void> {
    await sql(manager, `UPDATE notification SET status = 'suppressed', status_reason = $2, next_attempt_at = NULL WHERE subscription_id = $1 AND status = 'pending'`,
      [subscriptionId, reason]);
  }

  async find(id: string): Promise<Notification | null> {
    const [row] = await sql(this.dataSource, 'SELECT * FROM notification WHERE id = $1', [id]);
    return row ? fromRow(NOTIFICATION_COLUMNS, row) : null;
  }

  /** Newest first, keyset-paged by `seq`. */
  async list(filter: NotificationFilter, page: { limit: number; before?: string }): Promise<Notification[]> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (condition: string, value: unknown) => where.push(condition.replace('?', `$${params.push(value)}`));
    if (filter.orderId) add('order_id = ?', filter.orderId);
    if (filter.subscriptionId) add('subscription_id = ?', filter.subscriptionId);
    if (filter.channel) add('channel = ?', filter.channel);
    if (filter.status) add('status = ?', filter.status);
    if (filter.event) add('event_type = ?', filter.event);
    if (page.before) add('seq < ?::bigint', page.before);
    const rows = await this.dataSource.query(
      `SELECT * FROM notification ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT $${params.push(page.limit)}`,
      params);
    return rows.map((row: Record<string, unknown>) => fromRow(NOTIFICATION_COLUMNS, row));
  }

  /** The attempts of these notifications, oldest first. */
  async attempts(ids: string[]): Promise<Attempt[]> {
    if (!ids.length) return [];
    const rows = await sql(this.dataSource, 'SELECT * FROM notification_attempt WHERE notification_id = ANY($1::uuid[]) ORDER BY id', [ids]);
    return rows.map((row) => fromRow(ATTEMPT_COLUMNS, row));
  }
}
