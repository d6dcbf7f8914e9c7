import { createServer, Server, Socket } from 'node:net';
import { connect } from 'amqplib';
import { createLogger } from '@oms/platform';
import { AmqpClient, declareRpcQueue } from '../src';
import { createVhost, deleteVhost, freePort, newTestId, waitFor } from '../../../test/support/infra';

/** What a node being shut down can do: the TCP connection is accepted, the AMQP handshake never answered. */
async function silentNode(): Promise<{ url: string; server: Server; sockets: Socket[] }> {
  const sockets: Socket[] = [];
  const server = createServer((socket) => sockets.push(socket));
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { url: `amqp://guest:guest@127.0.0.1:${port}`, server, sockets };
}

const socketOf = (connection: unknown) => (connection as { connection: { stream: Socket } }).connection.stream;

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

  it('skips a node that accepts the connection but never answers the handshake', async () => {
    const silent = await silentNode();
    const client = new AmqpClient(`${silent.url},${url}`, logger, 'amqp-client-test', { connectTimeoutMs: 300 });
    client.start();
    await client.waitUntilConnected(5000);
    expect(silent.sockets).toHaveLength(1);
    await client.close();
    silent.sockets.forEach((socket) => socket.destroy());
    silent.server.close();
  });

  it('connects again when the connection drops while its parts are being set up', async () => {
    const client = new AmqpClient(url, logger, 'amqp-client-test');
    let runs = 0;
    await client.register('drops the first time', async (connection) => {
      if (++runs > 1) return;
      // the node goes down in the middle of the set-up: the part sees the loss and returns
      const closed = new Promise((resolve) => connection.once('close', resolve));
      socketOf(connection).destroy(new Error('the node went down'));
      await closed;
    });
    client.start();
    await waitFor(async () => runs === 2 && client.isConnected, 5000, 'the client to connect again and set the part up once more');
    expect(client.failingParts.size).toBe(0);
    await client.close();
  });

  it('drops a connection on which a part never finishes setting up, the first time or when retried, and goes on to the next node', async () => {
    const client = new AmqpClient(`${url},${url}`, logger, 'amqp-client-test', { setUpTimeoutMs: 300 });
    const hangs = () => new Promise<void>(() => undefined);
    const runs: string[] = [];
    // on the first connection it hangs; on the second it fails, is retried a second later and hangs; on the third it is set up
    const script = [hangs, async () => { throw new Error('not yet'); }, hangs, async () => undefined];
    await client.register('hangs', async () => {
      runs.push(String(runs.length));
      await script[Math.min(runs.length - 1, script.length - 1)]();
    });
    client.start();
    await waitFor(async () => runs.length === 4 && client.isConnected && client.failingParts.size === 0, 10_000, 'the part to be set up on a later connection');
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
