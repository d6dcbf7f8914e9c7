import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { column, Columns, fromRow, setClause, sql } from '@oms/persistence';

export interface WebhookSubscription {
  id: string;
  url: string;
  events: string[];
  description: string | null;
  enabled: boolean;
  disabledReason: string | null;
  /** Disabled because deliveries kept failing: events still queue up for it until it is enabled again. */
  holdsDeliveries: boolean;
  secret: string;
  previousSecret: string | null;
  previousSecretExpiresAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

const COLUMNS: Columns<WebhookSubscription> = {
  id: column('id', 'uuid'),
  url: column('url', 'text'),
  events: column('events', 'text[]'),
  description: column('description', 'text'),
  enabled: column('enabled', 'boolean'),
  disabledReason: column('disabled_reason', 'text'),
  holdsDeliveries: column('holds_deliveries', 'boolean'),
  secret: column('secret', 'text'),
  previousSecret: column('previous_secret', 'text'),
  previousSecretExpiresAt: column('previous_secret_expires_at', 'timestamptz'),
  createdAt: column('created_at', 'timestamptz'),
  updatedAt: column('updated_at', 'timestamptz'),
};

export type SubscriptionChanges = Partial<Pick<WebhookSubscription, 'url' | 'events' | 'description' | 'enabled' | 'disabledReason' | 'holdsDeliveries' | 'secret' | 'previousSecret' | 'previousSecretExpiresAt'>>;

@Injectable()
export class SubscriptionRepository {
  /** What receiving() read in each transaction (by query runner): a batch of events reads the list once. */
  private readonly receivingIn = new WeakMap<object, Promise<Pick<WebhookSubscription, 'id' | 'events'>[]>>();

  constructor(private readonly dataSource: DataSource) {}

  async insert(manager: EntityManager, subscription: Pick<WebhookSubscription, 'id' | 'url' | 'events' | 'description' | 'secret'>): Promise<WebhookSubscription> {
    this.changedIn(manager);
    const [row] = await sql(manager,
      `INSERT INTO webhook_subscription (id, url, events, description, secret) VALUES ($1, $2, $3, $4, $5) RETURNING *`,
      [subscription.id, subscription.url, subscription.events, subscription.description, subscription.secret]);
    return fromRow(COLUMNS, row);
  }

  async find(id: string, manager?: EntityManager): Promise<WebhookSubscription | null> {
    const [row] = await sql(manager ?? this.dataSource, 'SELECT * FROM webhook_subscription WHERE id = $1', [id]);
    return row ? fromRow(COLUMNS, row) : null;
  }

  /** By id: a small list, paged by a stable key. */
  async list(page: { limit: number; after?: string }): Promise<WebhookSubscription[]> {
    const rows = page.after
      ? await this.dataSource.query('SELECT * FROM webhook_subscription WHERE id > $1::uuid ORDER BY id LIMIT $2', [page.after, page.limit])
      : await this.dataSource.query('SELECT * FROM webhook_subscription ORDER BY id LIMIT $1', [page.limit]);
    return rows.map((row: Record<string, unknown>) => fromRow(COLUMNS, row));
  }

  /**
   * The subscriptions events are planned for: the enabled ones, and those disabled because deliveries
   * kept failing (theirs wait until the receiver is fixed and the subscription enabled again).
   */
  receiving(manager: EntityManager): Promise<Pick<WebhookSubscription, 'id' | 'events'>[]> {
    const read = () => sql<Pick<WebhookSubscription, 'id' | 'events'>>(manager, 'SELECT id, events FROM webhook_subscription WHERE enabled OR holds_deliveries');
    const runner = manager.queryRunner;
    if (!runner) return read();
    let receiving = this.receivingIn.get(runner);
    if (!receiving) this.receivingIn.set(runner, (receiving = read()));
    return receiving;
  }

  /** A write in a transaction makes its next receiving() read the table again. */
  private changedIn(manager: EntityManager) {
    if (manager.queryRunner) this.receivingIn.delete(manager.queryRunner);
  }

  async update(manager: EntityManager, id: string, changes: SubscriptionChanges): Promise<WebhookSubscription | null> {
    this.changedIn(manager);
    const params: unknown[] = [id];
    const set = [...setClause(COLUMNS, changes, params), 'updated_at = now()'];
    const [row] = await sql(manager, `UPDATE webhook_subscription SET ${set.join(', ')} WHERE id = $1 RETURNING *`, params);
    return row ? fromRow(COLUMNS, row) : null;
  }

  async delete(manager: EntityManager, id: string): Promise<boolean> {
    this.changedIn(manager);
    const rows = await sql(manager, 'DELETE FROM webhook_subscription WHERE id = $1 RETURNING id', [id]);
    return rows.length > 0;
  }
}
