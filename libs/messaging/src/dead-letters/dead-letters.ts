import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { ConsumeMessage } from 'amqplib';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { DeadLetterView, ListDeadLettersQueryDto, UUID_PATTERN, DEFAULT_PAGE_SIZE } from '@oms/contracts';
import { sql } from '@oms/persistence';
import { AppError, LOGGER } from '@oms/platform';
import { Gauge, Registry } from 'prom-client';
import { AmqpClient } from '../amqp-client';

interface DeadLetterRow {
  id: string;
  queue: string;
  message_id: string;
  routing_key: string;
  reason: string;
  attempts: number;
  content: string;
  properties: { headers?: Record<string, unknown>; [key: string]: unknown };
  status: DeadLetterView['status'];
  first_seen: Date;
  last_seen: Date;
}

/** Headers that describe a past death, not the message: a replay starts without them. */
const DEATH_HEADERS = ['x-attempt', 'x-last-error', 'x-dead-letter-reason', 'x-original-routing-key', 'x-death', 'x-first-death-exchange', 'x-first-death-queue', 'x-first-death-reason', 'x-last-death-exchange', 'x-last-death-queue', 'x-last-death-reason', 'x-delivery-count'];

const parsed = (content: string) => {
  try {
    return JSON.parse(content);
  } catch {
    return content;
  }
};

/**
 * The dead letters of one service, kept in its database: the consumer of `<queue>.dlq` moves each one
 * there (so the DLQ stays empty and nothing grows unseen), operators list them, replay one (published
 * again to the service's own queue with its message id, so the inbox applies it at most once however
 * often it is replayed) or discard it.
 */
@Injectable()
export class DeadLetters {
  constructor(
    private readonly dataSource: DataSource,
    private readonly amqp: AmqpClient,
    @Inject(LOGGER) private readonly logger: Logger,
    registry: Registry,
  ) {
    const count = () => this.dataSource.query(`SELECT count(*)::int AS n FROM dead_letter WHERE status = 'dead'`).then(([row]: { n: number }[]) => row.n, () => NaN);
    new Gauge({
      name: 'oms_dead_letters', help: 'Dead letters waiting for an operator (GET /api/ops/dead-letters)', registers: [registry],
      async collect() {
        this.set(await count());
      },
    });
  }

  /** Keeps a message taken from a DLQ: ours carry the reason and attempts in headers, the broker's (delivery limit) in x-death. */
  async keep(queue: string, message: ConsumeMessage): Promise<void> {
    const headers = message.properties.headers ?? {};
    const death = (headers['x-death'] as { reason?: string; count?: number; 'routing-keys'?: string[] }[] | undefined)?.[0];
    const reason = String(headers['x-dead-letter-reason'] ?? (death ? `the broker dead-lettered it (${death.reason})` : 'unknown'));
    const attempts = Number(headers['x-attempt'] ?? headers['x-delivery-count'] ?? death?.count ?? 1);
    const routingKey = String(headers['x-original-routing-key'] ?? death?.['routing-keys']?.[0] ?? message.fields.routingKey);
    const messageId = message.properties.messageId ?? `unidentified-${randomUUID()}`;
    await sql(this.dataSource,
      `INSERT INTO dead_letter (id, queue, message_id, routing_key, reason, attempts, content, properties, status)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'dead')
       ON CONFLICT (queue, message_id) DO UPDATE SET reason = EXCLUDED.reason, attempts = EXCLUDED.attempts, content = EXCLUDED.content,
         properties = EXCLUDED.properties, status = 'dead', last_seen = now()`,
      [randomUUID(), queue, messageId, routingKey, reason.slice(0, 2000), attempts, message.content.toString('utf8'), JSON.stringify(message.properties)]);
  }

  async list(service: string, query: ListDeadLettersQueryDto): Promise<DeadLetterView[]> {
    const rows: DeadLetterRow[] = await this.dataSource.query(
      'SELECT * FROM dead_letter WHERE status = $1 ORDER BY first_seen DESC LIMIT $2', [query.status ?? 'dead', query.limit ?? DEFAULT_PAGE_SIZE]);
    return rows.map((row) => this.view(service, row));
  }

  /** Publishes it again to the service's queue, as it first arrived. */
  async replay(service: string, id: string): Promise<DeadLetterView> {
    const row = await this.find(id);
    if (row.status === 'discarded') throw AppError.conflict(`Dead letter ${id} was discarded; it cannot be replayed.`);
    const headers = Object.fromEntries(Object.entries(row.properties.headers ?? {}).filter(([name]) => !DEATH_HEADERS.includes(name)));
    const { messageId, correlationId, contentType, type, timestamp, appId } = row.properties as Record<string, never>;
    const channel = this.amqp.confirmChannel();
    channel.publish('', row.queue, Buffer.from(row.content, 'utf8'), {
      persistent: true, messageId, correlationId, contentType, type, timestamp, appId, headers: { ...headers, 'x-replayed-from': row.id },
    });
    await channel.waitForConfirms();
    const updated = await this.setStatus(id, 'replayed');
    this.logger.info({ deadLetterId: id, messageId: row.message_id, routingKey: row.routing_key }, 'dead letter replayed');
    return this.view(service, updated);
  }

  async discard(service: string, id: string): Promise<DeadLetterView> {
    await this.find(id);
    const updated = await this.setStatus(id, 'discarded');
    this.logger.info({ deadLetterId: id, messageId: updated.message_id }, 'dead letter discarded');
    return this.view(service, updated);
  }

  private async setStatus(id: string, status: DeadLetterView['status']): Promise<DeadLetterRow> {
    const [row] = await sql<DeadLetterRow>(this.dataSource, `UPDATE dead_letter SET status = $2, last_seen = now() WHERE id = $1 RETURNING *`, [id, status]);
    return row;
  }

  private async find(id: string): Promise<DeadLetterRow> {
    const [row] = UUID_PATTERN.test(id) ? await sql<DeadLetterRow>(this.dataSource, 'SELECT * FROM dead_letter WHERE id = $1', [id]) : [];
    if (!row) throw AppError.notFound(`Dead letter ${id} was not found.`);
    return row;
  }

  private view(service: string, row: DeadLetterRow): DeadLetterView {
    return {
      id: row.id, service, queue: row.queue, messageId: row.message_id, routingKey: row.routing_key, reason: row.reason, attempts: row.attempts,
      status: row.status, firstSeen: row.first_seen.toISOString(), lastSeen: row.last_seen.toISOString(), payload: parsed(row.content),
    };
  }
}
