import { connect } from 'amqplib';
import { createLogger } from '@oms/platform';
import { AmqpClient, declareRpcQueue } from '../src';
import { createVhost, deleteVhost, freePort, newTestId } from '../../../test/support/infra';

/** AMQP_URL may list a cluster's nodes: the client takes the first that answers; queues of older versions are kept. */
describe('AmqpClient on several nodes, and queues declared before', () => {
  const id = newTestId();
  const logger = createLogger('amqp-client-test', 'silent');
  let url: string;

  beforeAll(async () => {
    url = await createVhost(id);
  });
  afterAll(() => deleteVhost(id));

  it('goes on to the next node when one does not answer, without waiting out a backoff', async () => {
    const down = `amqp://guest:guest@127.0.0.1:${await freePort()}`;
    const client = new AmqpClient(`${down}, ${url}`, logger, 'amqp-client-test');
    const started = Date.now();
    client.start();
    await client.waitUntilConnected(5000);
    expect(client.isConnected).toBe(true);
    expect(Date.now() - started).toBeLessThan(1000);
    await client.close();
  });

  it('declares a missing RPC queue as a quorum queue, and uses a classic one an earlier version declared as it is', async () => {
    const connection = await connect(url);
    const channel = await connection.createChannel();
    await channel.assertQueue('old.rpc', { durable: true });
    await declareRpcQueue(connection, channel, 'old.rpc'); // asserting it as quorum would fail with PRECONDITION_FAILED
    await declareRpcQueue(connection, channel, 'new.rpc');
    const declaredAgain = await connection.createChannel();
    await expect(declaredAgain.assertQueue('new.rpc', { durable: true, arguments: { 'x-queue-type': 'quorum' } })).resolves.toMatchObject({ queue: 'new.rpc' });
    await expect(channel.checkQueue('old.rpc')).resolves.toMatchObject({ queue: 'old.rpc' });
    await connection.close();
  });
});
