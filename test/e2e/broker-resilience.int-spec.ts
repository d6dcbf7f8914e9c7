import { connect } from 'amqplib';
import { Api } from '../support/api';
import { waitFor } from '../support/infra';
import { TestStack } from '../support/stack';

/**
 * One part of a service's broker set-up failing (its dead-letter queue exists with other arguments; the
 * work queues of earlier versions are used as they are, but a DLQ is always asserted) leaves the
 * rest of it connected: RPC keeps answering, the readiness check names the part, and once the cause is
 * gone the part is set up again by itself.
 */
describe('a broker part that cannot be set up', () => {
  const stack = new TestStack();
  let api: Api;

  beforeAll(async () => {
    await stack.start(['gateway', 'order-service', 'shipment-service', 'notification-service']);
    api = new Api(stack.gatewayUrl);
  });
  afterAll(() => stack.stop());

  it('degrades only that part, says which in the health check, and recovers', async () => {
    // an operator's mistake: the inventory DLQ declared by hand as a classic queue
    const connection = await connect(stack.amqpUrl);
    const channel = await connection.createChannel();
    await channel.assertQueue('inventory-service.events.dlq', { durable: true, arguments: { 'x-queue-type': 'classic' } });

    await stack.startApp('inventory-service', 'live');
    const ready = async () => (await fetch(`${stack.url('inventory-service')}/health/ready`)).json() as Promise<{ status: string; checks: Record<string, { status: string; error?: string }> }>;
    const degraded = await waitFor(async () => {
      const body = await ready();
      // (until it has connected at all, the check says only that)
      return body.checks.broker?.error?.includes('could not set up') ? body : null;
    }, 20_000, 'the readiness check to report the part');
    expect(degraded.checks.broker).toEqual({ status: 'down', error: expect.stringMatching(/could not set up consumer inventory-service\.events: .*PRECONDITION_FAILED/) });
    expect(degraded.checks.database).toEqual({ status: 'up' });
    // the rest of the service is connected: its RPC answers through the gateway
    expect((await api.put('/api/inventory/RES-1', { onHand: 3 })).status).toBe(200);
    expect((await api.get('/api/inventory/RES-1')).body).toMatchObject({ sku: 'RES-1', onHand: 3 });

    await channel.deleteQueue('inventory-service.events.dlq');
    await connection.close();
    await waitFor(async () => ((await ready()).status === 'ok' ? true : null), 60_000, 'the part to be set up again');
  });
});
