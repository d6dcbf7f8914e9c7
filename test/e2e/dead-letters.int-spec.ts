import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { connect } from 'amqplib';
import { Api } from '../support/api';
import { listQueue, waitFor } from '../support/infra';
import { JWT_SECRET, TestStack } from '../support/stack';

const run = promisify(execFile);

/** Dead letters through `GET /api/ops/dead-letters`, replay and discard, and the `dlq` CLI. */
describe('dead letters', () => {
  const stack = new TestStack();
  let api: Api;

  beforeAll(async () => {
    await stack.start();
    api = new Api(stack.gatewayUrl);
  });
  afterAll(() => stack.stop());

  const envelope = (type: string, payload: object) => ({
    id: randomUUID(), type, version: 1, occurredAt: new Date().toISOString(), correlationId: 'dlq-test', causationId: null,
    aggregateId: (payload as { orderId?: string }).orderId ?? 'x', aggregateVersion: 0, payload,
  });
  /** To every subscriber (the topic exchange), or to one service's queue only. */
  const publish = async (message: ReturnType<typeof envelope>, queue?: string) => {
    const connection = await connect(stack.amqpUrl);
    const channel = await connection.createConfirmChannel();
    channel.publish(queue ? '' : 'oms.events', queue ?? message.type, Buffer.from(JSON.stringify(message)), { persistent: true, messageId: message.id });
    await channel.waitForConfirms();
    await connection.close();
  };
  const deadLetters = async (query = '') => (await api.get(`/api/ops/dead-letters${query}`)).body;

  it('lists what every service gave up on, keeps the DLQs empty, and discards on request', async () => {
    const poison = envelope('order.placed', { orderId: randomUUID(), orderNumber: 'ORD-X' });
    await publish(poison);
    const listed = await waitFor(async () => {
      const body = await deadLetters();
      const mine = body.items.filter((d: { messageId: string }) => d.messageId === poison.id);
      return mine.length === 3 ? mine : null;
    }, 20_000, 'the poison message in three services');
    expect(listed.map((d: { service: string }) => d.service).sort()).toEqual(['inventory-service', 'notification-service', 'shipment-service']);
    expect(listed[0]).toMatchObject({ routingKey: 'order.placed', status: 'dead', reason: expect.stringContaining('invalid payload'), payload: { id: poison.id } });
    for (const service of ['inventory-service', 'notification-service', 'shipment-service']) expect(await listQueue(stack.id, `${service}.events.dlq`)).toBe(0);
    expect(await (await fetch(`${stack.url('inventory-service')}/metrics`)).text()).toMatch(/^oms_dead_letters(\{[^}]*\})? 1$/m);

    const discarded = await api.post(`/api/ops/dead-letters/${listed[0].id}/discard`);
    expect(discarded.body.status).toBe('discarded');
    expect((await deadLetters()).items.map((d: { id: string }) => d.id)).not.toContain(listed[0].id);
    expect((await deadLetters('?status=discarded')).items.map((d: { id: string }) => d.id)).toContain(listed[0].id);
    expect((await api.post(`/api/ops/dead-letters/${listed[0].id}/replay`)).status).toBe(409);
    expect((await api.post(`/api/ops/dead-letters/${randomUUID()}/replay`)).status).toBe(404);
    expect((await api.post('/api/ops/dead-letters/not-an-id/replay')).status).toBe(400);
    const badStatus = await api.get('/api/ops/dead-letters?status=buried');
    expect(badStatus.status).toBe(400);
    expect(badStatus.body.errors).toEqual([expect.objectContaining({ field: 'status' })]);
  });

  it('replays a message once its cause is fixed, and applies it once however often it is replayed', async () => {
    const orderId = randomUUID();
    // the notification service hears of the reservation of an order it does not know: retried, then dead-lettered
    const reserved = envelope('inventory.reserved', { orderId, lines: [{ sku: 'DLQ-1', qty: 1 }] });
    await publish(reserved, 'notification-service.events');
    const dead = await waitFor(async () => (await deadLetters()).items.find((d: { messageId: string }) => d.messageId === reserved.id), 20_000, 'the dead letter');
    expect(dead).toMatchObject({ service: 'notification-service', attempts: 5, reason: expect.stringContaining('is not known yet') });

    // the order arrives after all; the reservation can now be applied
    await publish(envelope('order.placed', {
      orderId, orderNumber: 'ORD-DLQ1', customerId: null, customerEmail: 'dlq@example.com', customerFullName: 'Dee', shippingAddress: { city: 'Berlin' },
      currency: 'EUR', grandTotal: 100, orderType: 'regular', lines: [{ orderItemId: randomUUID(), sku: 'DLQ-1', name: 'Mug', qty: 1 }],
    }), 'notification-service.events');
    const confirmations = async () => (await api.get(`/api/notifications?orderId=${orderId}&event=inventory.reserved`)).body.items;
    await waitFor(async () => (await api.get(`/api/notifications?orderId=${orderId}`)).body.items !== undefined, 10_000, 'the replica');
    expect((await api.post(`/api/ops/dead-letters/${dead.id}/replay`)).body.status).toBe('replayed');
    await waitFor(async () => ((await confirmations()).length === 1 ? true : null), 10_000, 'the confirmation planned by the replay');
    expect((await api.post(`/api/ops/dead-letters/${dead.id}/replay`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await confirmations()).toHaveLength(1);
    expect((await deadLetters()).items.map((d: { id: string }) => d.id)).not.toContain(dead.id);
  });

  it('does the same from the command line', async () => {
    const env = { ...process.env, GATEWAY_URL: stack.gatewayUrl, JWT_SECRET };
    const cli = resolve(__dirname, '../../tools/dlq.mjs');
    const { stdout } = await run(process.execPath, [cli, 'list'], { env });
    expect(stdout).toMatch(/\d+ dead letter\(s\)/);
    const id = stdout.split('\n').find((line) => line.includes('order.placed'))!.split(' ')[0];
    expect((await run(process.execPath, [cli, 'discard', id], { env })).stdout).toContain(`${id} discarded`);
    await expect(run(process.execPath, [cli, 'replay', id], { env })).rejects.toMatchObject({ stderr: expect.stringContaining('409') });
  });
});
