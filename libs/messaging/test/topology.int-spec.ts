import { connect } from 'amqplib';
import { DEAD_LETTER_EXCHANGE, declareConsumerQueue, declareEventExchanges, dlqName, retryQueueName } from '../src';
import { createVhost, deleteVhost, listQueue, newTestId, queueInfo, waitFor } from '../../../test/support/infra';

/** Queue settings that may change later come from the broker's policies, not from declaration arguments. */
describe('consumer queues and the broker policies', () => {
  const id = newTestId();
  let url: string;

  beforeAll(async () => {
    url = await createVhost(id); // applies libs/messaging/src/broker-policies.json, as npm start does
  });
  afterAll(() => deleteVhost(id));

  async function queues(): Promise<Map<string, { policy: string; arguments: string }>> {
    const listed = await queueInfo(id, 'name', 'policy', 'arguments');
    return new Map(listed.map((q) => [q.name as string, { policy: q.policy as string, arguments: JSON.stringify(q.arguments) }]));
  }

  it('declares work and retry queues with only what their names fix; the policies set the delivery limit and dead-letter strategy', async () => {
    const connection = await connect(url);
    const channel = await connection.createChannel();
    await declareEventExchanges(channel);
    await declareConsumerQueue(connection, channel, { queue: 'fresh.events', bindings: ['test.happened'], retryDelaysMs: [1000] });
    await connection.close();

    const declared = await queues();
    expect(declared.get('fresh.events')?.policy).toBe('oms-work-queues');
    expect(declared.get(retryQueueName('fresh.events', 1000))?.policy).toBe('oms-retry-queues');
    expect(declared.get('oms.unroutable')?.policy).toBe('oms-unroutable');
    expect(declared.get(dlqName('fresh.events'))?.policy).toBe('');
    for (const [name, queue] of declared) expect([name, queue.arguments]).not.toEqual([name, expect.stringMatching(/x-delivery-limit|x-overflow|x-dead-letter-strategy|x-max-length/)]);
  });

  it('dead-letters a message redelivered past the policy’s delivery limit (a consumer that crashes on it every time)', async () => {
    const connection = await connect(url);
    const channel = await connection.createChannel();
    await declareEventExchanges(channel);
    await declareConsumerQueue(connection, channel, { queue: 'crashing.events', bindings: [], retryDelaysMs: [] });
    await channel.prefetch(1);
    let deliveries = 0;
    await channel.consume('crashing.events', (message) => {
      deliveries += 1;
      if (message) channel.nack(message, false, true); // what a crash does: back to the queue, delivery count + 1
    });
    channel.sendToQueue('crashing.events', Buffer.from('{}'), { persistent: true });
    await waitFor(async () => (await listQueue(id, dlqName('crashing.events'))) === 1, 30_000, 'the message in the DLQ');
    expect(deliveries).toBe(21); // delivery-limit 20: the first delivery and 20 redeliveries
    await connection.close();
  });

  it('keeps using a work queue an earlier version declared with those settings as arguments', async () => {
    const connection = await connect(url);
    const channel = await connection.createChannel();
    await declareEventExchanges(channel);
    await channel.assertQueue('old.events', {
      durable: true,
      arguments: {
        'x-queue-type': 'quorum', 'x-delivery-limit': 20, 'x-dead-letter-exchange': DEAD_LETTER_EXCHANGE,
        'x-dead-letter-routing-key': 'old.events', 'x-dead-letter-strategy': 'at-least-once', 'x-overflow': 'reject-publish',
      },
    });
    await expect(declareConsumerQueue(connection, channel, { queue: 'old.events', bindings: ['test.happened'], retryDelaysMs: [1000] })).resolves.toBeUndefined();
    await connection.close();
  });
});
