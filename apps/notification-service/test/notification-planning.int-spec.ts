import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { EventTypes, OrderPlacedPayload } from '@oms/contracts';
import { purgeExpired } from '@oms/messaging';
import { openDatabase } from '@oms/persistence';
import { loadConfig } from '@oms/platform';
import { dropDatabases, newTestId, POSTGRES_URL } from '../../../test/support/infra';
import { eventDelivery, outboxOf } from '../../../test/support/service';
import { NotificationServiceConfig } from '../src/config/notification-service.config';
import { Channels } from '../src/notifications/delivery/channels';
import { DeliveryQueue } from '../src/notifications/delivery/delivery-queue';
import { EmailChannel } from '../src/notifications/delivery/channels/email.channel';
import { SlackChannel } from '../src/notifications/delivery/channels/slack.channel';
import { SmsChannel } from '../src/notifications/delivery/channels/sms.channel';
import { WebhookChannel } from '../src/notifications/delivery/channels/webhook.channel';
import { NotificationEvents } from '../src/notifications/events/notification.events';
import { NotificationComposer } from '../src/notifications/notification-composer';
import { NotificationPlanner } from '../src/notifications/notification-planner';
import { notificationMigrations } from '../src/notifications/persistence/migrations';
import { NotificationRepository } from '../src/notifications/persistence/notification.repository';
import { notificationRetention } from '../src/notifications/persistence/notification-retention';
import { TemplateRenderer } from '../src/notifications/rendering/template-renderer';
import { OrderReplicaRepository } from '../src/orders/order-replica.repository';
import { SubscriptionRepository } from '../src/webhooks/persistence/subscription.repository';

const placed = (orderId: string, email: string): OrderPlacedPayload => ({
  orderId, orderNumber: `ORD-${orderId.slice(0, 6)}`, customerId: null, customerEmail: email, customerFullName: 'Ada', customerPhone: null, smsOptIn: false,
  locale: null, shippingAddress: { fullName: 'Ada', address1: 'Main Street 1', city: 'Berlin', country: 'DE' }, currency: 'EUR', grandTotal: 1000,
  orderType: 'regular', lines: [{ orderItemId: randomUUID(), sku: 'MUG', name: 'Mug', qty: 1, finalPrice: 1000, lineTotal: 1000 }],
});

/**
 * The notification service's planning on its real database, driven directly: what is stored for an
 * event, nothing more for the same event again, and a template that fails to render recorded as a
 * failure on the order's timeline rather than a crash.
 */
describe('notification planning', () => {
  const id = newTestId();
  let db: DataSource;
  let notifications: NotificationRepository;
  let planner: NotificationPlanner;
  let events: ReturnType<typeof eventDelivery>;

  beforeAll(async () => {
    // the bundled templates, with the confirmation's subject broken as an operator might break it
    const templates = mkdtempSync(join(tmpdir(), 'templates-'));
    cpSync(new NotificationServiceConfig().NOTIFICATION_TEMPLATES_DIR, templates, { recursive: true });
    writeFileSync(join(templates, 'en', 'order-confirmed.subject.hbs'), 'Order {{#each}} confirmed');
    const config = loadConfig(NotificationServiceConfig, { POSTGRES_URL, DATABASE_NAME: `${id}_notification`, NOTIFICATION_TEMPLATES_DIR: templates });
    db = await openDatabase({ url: config.databaseUrl(), poolSize: 4, entities: [], migrations: notificationMigrations, applicationName: 'notification-planning-test' });
    notifications = new NotificationRepository(db);
    const subscriptions = new SubscriptionRepository(db);
    const channels = new Channels(new EmailChannel(config), new SmsChannel(config), new SlackChannel(config), new WebhookChannel(config, subscriptions));
    const composer = new NotificationComposer(config, new TemplateRenderer(templates, 'en'), channels);
    planner = new NotificationPlanner(config, composer, notifications, new DeliveryQueue(config, notifications), subscriptions);
    events = eventDelivery(db, [new NotificationEvents(new OrderReplicaRepository(db), planner)]);
  });
  afterAll(async () => {
    await db.destroy();
    await dropDatabases(`${id}_`);
  });

  const ofOrder = async (orderId: string) => (await notifications.list({ orderId }, { limit: 50 }));

  it('handles every event someone should hear of', () => {
    expect(events.types()).toEqual([
      EventTypes.InventoryLowStock, EventTypes.InventoryReservationFailed, EventTypes.InventoryReserved, EventTypes.MessageDeadLettered,
      EventTypes.OrderCanceled, EventTypes.OrderCustomerNotified, EventTypes.OrderPaymentRecorded, EventTypes.OrderPlaced, EventTypes.OrderRefunded,
      EventTypes.OrderStatusChanged, EventTypes.ShipmentCanceled, EventTypes.ShipmentCreated, EventTypes.ShipmentDelivered, EventTypes.ShipmentStatusChanged,
    ].sort());
  });

  it('stores a message once per event however often it is planned, suppressed with the reason when its channel is not configured', async () => {
    const orderId = randomUUID();
    await events.deliver(EventTypes.OrderPlaced, placed(orderId, 'ada@example.com'));
    const order = (await new OrderReplicaRepository(db).find(orderId))!;
    const cause = { id: randomUUID(), type: EventTypes.OrderCanceled, occurredAt: new Date().toISOString(), payload: { orderId, orderNumber: order.orderNumber, reason: 'Changed mind', cause: 'requested' } };
    for (let i = 0; i < 3; i++) await db.transaction((manager) => planner.plan(manager, cause, order));
    const stored = await ofOrder(orderId);
    expect(stored).toEqual([expect.objectContaining({ template: 'order-canceled', status: 'suppressed', statusReason: expect.stringContaining('SMTP_URL is not set') })]);
    expect(stored[0].text).toContain('Reason: Changed mind');
  });

  it('records a template that fails to render as a failed notification, on the order’s timeline', async () => {
    const orderId = randomUUID();
    await events.deliver(EventTypes.OrderPlaced, placed(orderId, 'grace@example.com'));
    await events.deliver(EventTypes.InventoryReserved, { orderId, lines: [{ sku: 'MUG', qty: 1 }] });
    const [failed] = await ofOrder(orderId);
    expect(failed).toMatchObject({ template: 'order-confirmed', status: 'failed', statusReason: expect.stringMatching(/template order-confirmed \(subject, en\) failed to render/) });
    expect(await outboxOf(db, [orderId])).toEqual([{ type: EventTypes.NotificationFailed, version: 0 }]);
  });

  it('deletes notifications past their retention, with their attempts, and keeps the rest', async () => {
    const orderId = randomUUID();
    await events.deliver(EventTypes.OrderPlaced, placed(orderId, 'old@example.com'));
    const order = (await new OrderReplicaRepository(db).find(orderId))!;
    for (const reason of ['old', 'new']) {
      const cause = { id: randomUUID(), type: EventTypes.OrderCanceled, occurredAt: new Date().toISOString(), payload: { orderId, orderNumber: order.orderNumber, reason, cause: 'requested' } };
      await db.transaction((manager) => planner.plan(manager, cause, order));
    }
    const [newest, oldest] = await ofOrder(orderId);
    await db.query(`UPDATE notification SET created_at = now() - interval '181 days' WHERE id = $1`, [oldest.id]);
    await db.query(`INSERT INTO notification_attempt (notification_id, ok, duration_ms) VALUES ($1, true, 1)`, [oldest.id]);
    const config = loadConfig(NotificationServiceConfig, { POSTGRES_URL, DATABASE_NAME: `${id}_notification` });
    expect(await purgeExpired(db, notificationRetention(config), 100)).toEqual({ notification: 1 });
    expect((await ofOrder(orderId)).map((n) => n.id)).toEqual([newest.id]);
    expect(await notifications.attempts([oldest.id])).toEqual([]);
  });

  it('reads the receiving webhook subscriptions once per transaction, and again after one is written in it', async () => {
    const subscriptions = new SubscriptionRepository(db);
    const webhook = (url: string) => ({ id: randomUUID(), url, events: [EventTypes.OrderPlaced], description: null, secret: 'whsec_test' });
    const [first, again, afterInsert] = await db.transaction(async (manager) => {
      const before = await subscriptions.receiving(manager);
      await db.query('INSERT INTO webhook_subscription (id, url, events, secret) VALUES ($1, $2, $3, $4)', [randomUUID(), 'https://elsewhere.example.com/hook', [EventTypes.OrderPlaced], 'whsec_x']);
      const cached = await subscriptions.receiving(manager); // another instance's subscription waits for the next transaction
      await subscriptions.insert(manager, webhook('https://mine.example.com/hook'));
      return [before, cached, await subscriptions.receiving(manager)];
    });
    expect(again).toBe(first);
    expect(afterInsert.length).toBe(first.length + 2);
    expect((await db.transaction((manager) => subscriptions.receiving(manager))).length).toBe(first.length + 2);
    await db.query('DELETE FROM webhook_subscription');
  });

  it('waits for the order to be known before writing about it', async () => {
    await expect(events.deliver(EventTypes.InventoryReserved, { orderId: randomUUID(), lines: [] })).rejects.toThrow('is not known yet');
  });

  it('plans for the events of many orders at once, each on its own order with its own correlation, or for none when one order is unknown', async () => {
    const orderIds = [randomUUID(), randomUUID(), randomUUID()];
    await events.deliverMany(EventTypes.OrderPlaced, orderIds.map((orderId, i) => placed(orderId, `buyer${i}@example.com`)));
    const unknown = randomUUID();
    await expect(events.deliverMany(EventTypes.InventoryReserved, [...orderIds, unknown].map((orderId) => ({ orderId, lines: [] }))))
      .rejects.toThrow(`order ${unknown} is not known yet`);
    expect(await ofOrder(orderIds[0])).toEqual([]); // rolled back with the others

    const reserved = await events.deliverMany(EventTypes.InventoryReserved, orderIds.map((orderId) => ({ orderId, lines: [] })));
    for (const [i, orderId] of orderIds.entries()) {
      expect(await ofOrder(orderId)).toEqual([expect.objectContaining({ template: 'order-confirmed', recipient: `buyer${i}@example.com`, status: 'failed' })]);
    }
    // each order's timeline event is caused by that order's own event
    const timeline = await db.query(
      `SELECT envelope->>'aggregateId' AS "orderId", envelope->>'correlationId' AS "correlationId", envelope->>'causationId' AS "causationId"
       FROM outbox_message WHERE envelope->>'aggregateId' = ANY($1)`, [orderIds]);
    expect(timeline).toEqual(expect.arrayContaining(reserved.map((event) => ({
      orderId: (event.payload as { orderId: string }).orderId, correlationId: event.correlationId, causationId: event.id,
    }))));
    expect(timeline).toHaveLength(3);
  });
});
