import { DataSource } from 'typeorm';
import { Registry } from 'prom-client';
import { OutboxRelay, UnitOfWork } from '@oms/messaging';
import { openDatabase } from '@oms/persistence';
import { createLogger, loadConfig } from '@oms/platform';
import { dropDatabases, newTestId, POSTGRES_URL, waitFor } from '../../../test/support/infra';
import { MailSink } from '../../../test/support/receivers';
import { NotificationServiceConfig } from '../src/config/notification-service.config';
import { Channels } from '../src/notifications/delivery/channels';
import { EmailChannel } from '../src/notifications/delivery/channels/email.channel';
import { SlackChannel } from '../src/notifications/delivery/channels/slack.channel';
import { SmsChannel } from '../src/notifications/delivery/channels/sms.channel';
import { WebhookChannel } from '../src/notifications/delivery/channels/webhook.channel';
import { DeliveryQueue } from '../src/notifications/delivery/delivery-queue';
import { NotificationSender } from '../src/notifications/delivery/notification-sender';
import { NotificationPlanner } from '../src/notifications/notification-planner';
import { notificationMigrations } from '../src/notifications/persistence/migrations';
import { NotificationRepository } from '../src/notifications/persistence/notification.repository';
import { SubscriptionRepository } from '../src/webhooks/persistence/subscription.repository';
import { newJob, noRelay } from './support/jobs';

/**
 * The sender on the real database, sending over SMTP to a real server: a backlog waiting in the table
 * (as after an outage, or beyond what the hand-over holds) is claimed a batch at a time, not a claim per
 * freed slot, and every job goes out once.
 */
describe('notification sender', () => {
  const id = newTestId();
  const mail = new MailSink();
  let db: DataSource;
  let notifications: NotificationRepository;
  let sender: NotificationSender;
  const claims: number[] = [];

  beforeAll(async () => {
    await mail.start();
    const config = loadConfig(NotificationServiceConfig, {
      POSTGRES_URL, DATABASE_NAME: `${id}_notification`, SMTP_URL: mail.url, SEND_CONCURRENCY: '4', SEND_POLL_MS: '50',
    });
    db = await openDatabase({ url: config.databaseUrl(), poolSize: 4, entities: [], migrations: notificationMigrations, applicationName: 'notification-sender-test' });
    notifications = new NotificationRepository(db);
    const claimDue = notifications.claimDue.bind(notifications);
    notifications.claimDue = async (channel, limit, leaseMs) => {
      const due = await claimDue(channel, limit, leaseMs);
      if (channel === 'email' && due.length) claims.push(due.length);
      return due;
    };
    const subscriptions = new SubscriptionRepository(db);
    const channels = new Channels(new EmailChannel(config), new SmsChannel(config), new SlackChannel(config), new WebhookChannel(config, subscriptions));
    sender = new NotificationSender(config, createLogger('sender-test', 'silent'), channels, notifications, new DeliveryQueue(config, notifications),
      subscriptions, new UnitOfWork(db, noRelay as OutboxRelay), {} as NotificationPlanner, new Registry());
  });

  afterAll(async () => {
    await sender.beforeApplicationShutdown();
    await db.destroy();
    await dropDatabases(`${id}_`);
    await mail.stop();
  });

  it('claims a backlog a batch at a time and sends each job once', async () => {
    const recipients = Array.from({ length: 60 }, (_, i) => `backlog${i}@customer.test`);
    await db.transaction((manager) => notifications.add(manager, recipients.map((recipient) => newJob('email', { recipient, subject: `Order for ${recipient}` }))));
    sender.onApplicationBootstrap();
    await waitFor(async () => mail.mails.length >= recipients.length, 20_000, 'every email');
    await waitFor(async () => Number((await db.query(`SELECT count(*) AS n FROM notification WHERE status = 'sent'`))[0].n) === recipients.length, 5_000, 'every job recorded');
    expect(mail.mails.flatMap((m) => m.envelope.to).sort()).toEqual([...recipients].sort());
    // full batches of SEND_CONCURRENCY (4) once it is behind, not one claim per freed slot
    expect(claims.reduce((sum, n) => sum + n, 0)).toBe(recipients.length);
    expect(claims.length).toBeLessThanOrEqual(recipients.length / 4 + 1);
  });
});
