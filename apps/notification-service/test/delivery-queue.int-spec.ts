import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { NotificationChannel } from '@oms/contracts';
import { commitThenRelay } from '@oms/messaging';
import { openDatabase } from '@oms/persistence';
import { loadConfig } from '@oms/platform';
import { dropDatabases, newTestId, POSTGRES_URL } from '../../../test/support/infra';
import { NotificationServiceConfig } from '../src/config/notification-service.config';
import { DeliveryQueue } from '../src/notifications/delivery/delivery-queue';
import { notificationMigrations } from '../src/notifications/persistence/migrations';
import { NewNotification, NotificationRepository } from '../src/notifications/persistence/notification.repository';
import { newJob, noRelay } from './support/jobs';

/**
 * The hand-over of new jobs to this process's sender, on the real database: what it holds is leased in
 * the table (no claim returns it), what it cannot take waits there for the poll, and a transaction that
 * rolls back leaves nothing held and its room free.
 */
describe('delivery queue', () => {
  const id = newTestId();
  let db: DataSource;
  let notifications: NotificationRepository;
  let queue: DeliveryQueue;
  // SEND_CONCURRENCY 2: room for 4 jobs per channel
  const config = loadConfig(NotificationServiceConfig, { POSTGRES_URL, DATABASE_NAME: `${id}_notification`, SEND_CONCURRENCY: '2' });

  const add = (jobs: NewNotification[]) => commitThenRelay(db, noRelay, (manager) => queue.add(manager, jobs));
  const claimable = async (channel: NotificationChannel) => (await notifications.claimDue(channel, 100, 60_000)).map((n) => n.id).sort();
  const ids = (jobs: { id: string }[]) => jobs.map((n) => n.id).sort();

  beforeAll(async () => {
    db = await openDatabase({ url: config.databaseUrl(), poolSize: 4, entities: [], migrations: notificationMigrations, applicationName: 'delivery-queue-test' });
    notifications = new NotificationRepository(db);
  });
  beforeEach(async () => {
    await db.query('DELETE FROM notification; DELETE FROM webhook_subscription');
    queue = new DeliveryQueue(config, notifications);
    queue.open('email');
  });
  afterAll(async () => {
    await db.destroy();
    await dropDatabases(`${id}_`);
  });

  it('holds the jobs a committed transaction added, leased to this sender with their first attempt, so no claim returns them', async () => {
    const jobs = [newJob('email'), newJob('email'), newJob('email')];
    const added = await add(jobs);
    expect(ids(added)).toEqual(ids(jobs));
    const held = queue.take('email', 10);
    expect(ids(held)).toEqual(ids(jobs));
    expect(held[0]).toMatchObject({ attemptCount: 1, leaseUntil: expect.any(Date), seq: expect.any(String), createdAt: expect.any(Date), html: '<p>Thanks</p>' });
    const [row] = await db.query('SELECT attempt_count, lease_until FROM notification WHERE id = $1', [held[0].id]);
    expect(row).toMatchObject({ attempt_count: 1, lease_until: expect.any(Date) });
    expect(await claimable('email')).toEqual([]);
    expect(queue.holds('email')).toBe(false);
  });

  it('holds nothing of a transaction that rolled back, and frees the room it had taken', async () => {
    await expect(commitThenRelay(db, noRelay, async (manager) => {
      await queue.add(manager, [newJob('email'), newJob('email'), newJob('email'), newJob('email')]);
      throw new Error('the event failed after planning');
    })).rejects.toThrow('the event failed');
    expect(queue.take('email', 10)).toEqual([]);
    expect(await db.query('SELECT id FROM notification')).toEqual([]);
    const next = [newJob('email'), newJob('email'), newJob('email'), newJob('email')];
    await add(next);
    expect(ids(queue.take('email', 10))).toEqual(ids(next));
  });

  it('leaves for the poll, unleased, what it has no room for, webhooks, and what is not for this sender now', async () => {
    const fits = [newJob('email'), newJob('email'), newJob('email'), newJob('email')];
    const beyond = [newJob('email'), newJob('email')];
    const otherChannel = newJob('sms', { recipient: '+4915112345678' });
    const later = newJob('email', { nextAttemptAt: new Date(Date.now() + 60_000) });
    const suppressed = newJob('email', { status: 'suppressed', statusReason: 'SMTP_URL is not set', nextAttemptAt: null });
    const [subscription] = await db.query(`INSERT INTO webhook_subscription (id, url, events, secret) VALUES ($1, 'https://hooks.test/oms', '{order.placed}', 'whsec_test') RETURNING id`, [randomUUID()]);
    const webhook = newJob('webhook', { subscriptionId: subscription.id, recipient: 'https://hooks.test/oms', body: { type: 'order.placed' } });
    queue.open('webhook');
    await add([...fits, ...beyond, otherChannel, later, suppressed, webhook]);
    expect(ids(queue.take('email', 10))).toEqual(ids(fits));
    expect(queue.take('webhook', 10)).toEqual([]);
    expect(await claimable('email')).toEqual(ids(beyond));
    expect(await claimable('sms')).toEqual([otherChannel.id]);
    expect(await claimable('webhook')).toEqual([webhook.id]);
    // the room is free again, but what went to the table goes first: new jobs follow it there until the sender caught up
    const next = newJob('email');
    await add([next]);
    expect(queue.take('email', 10)).toEqual([]);
    expect(await claimable('email')).toEqual([next.id]);
    queue.caughtUp('email');
    const afterCatchingUp = newJob('email');
    await add([afterCatchingUp]);
    expect(ids(queue.take('email', 10))).toEqual([afterCatchingUp.id]);
    const [row] = await db.query('SELECT attempt_count, lease_until FROM notification WHERE id = $1', [later.id]);
    expect(row).toEqual({ attempt_count: 0, lease_until: null });
  });

  it('leaves jobs for the poll in a transaction that cannot tell it of its commit, and once it is closed', async () => {
    const outside = newJob('email');
    await db.transaction((manager) => queue.add(manager, [outside]));
    queue.close();
    const afterClose = newJob('email');
    await add([afterClose]);
    expect(queue.take('email', 10)).toEqual([]);
    expect(await claimable('email')).toEqual(ids([outside, afterClose]));
  });

  it('holds only the jobs added, not those planned already, and wakes the sender when they arrive', async () => {
    const first = newJob('email');
    await add([first]);
    queue.take('email', 10);
    const wakes: string[] = [];
    queue.whenArrived('email', () => wakes.push('canceled waiter'))();
    queue.whenArrived('email', () => wakes.push('sender'));
    const again = { ...newJob('email'), dedupKey: first.dedupKey };
    const fresh = newJob('email');
    await add([again, fresh]);
    expect(wakes).toEqual(['sender']);
    expect(ids(queue.take('email', 10))).toEqual([fresh.id]);
    // a waiter is woken once: the next hand-over finds none
    const later = newJob('email');
    await add([later]);
    expect(wakes).toEqual(['sender']);
    expect(ids(queue.take('email', 10))).toEqual([later.id]);
    // the duplicate's room was given back: four fit again
    const four = [newJob('email'), newJob('email'), newJob('email'), newJob('email')];
    await add(four);
    expect(ids(queue.take('email', 10))).toEqual(ids(four));
  });
});
