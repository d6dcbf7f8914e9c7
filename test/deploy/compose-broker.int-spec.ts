import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'amqplib';
import { BROKER_POLICIES, declareConsumerQueue, declareEventExchanges } from '@oms/messaging';
import { AMQP_BASE, deleteVhost, newTestId, queueInfo, rabbitmqctl } from '../support/infra';

/**
 * No container runs here, so the definitions file compose mounts into RabbitMQ is loaded into the
 * installed server instead, renamed onto a vhost and user of this spec's own.
 */
describe('compose/rabbitmq/definitions.json in a real RabbitMQ', () => {
  const id = newTestId();
  const user = `${id}-oms`;
  const dir = mkdtempSync(join(tmpdir(), 'oms-definitions-'));

  beforeAll(async () => {
    const definitions = JSON.parse(readFileSync(join(__dirname, '../../compose/rabbitmq/definitions.json'), 'utf8'));
    const onOwnVhost = <T extends { vhost?: string; name?: string; user?: string }>(items: T[]) =>
      items.map((item) => ({ ...item, ...(item.vhost && { vhost: id }), ...(item.user && { user }) }));
    const renamed = {
      ...definitions,
      users: definitions.users.map((u: object) => ({ ...u, name: user })),
      vhosts: [{ name: id }],
      permissions: onOwnVhost(definitions.permissions),
      policies: onOwnVhost(definitions.policies),
    };
    writeFileSync(join(dir, 'definitions.json'), JSON.stringify(renamed), { mode: 0o644 });
    chmodSync(dir, 0o755); // rabbitmqctl reads it as the rabbitmq user
    await rabbitmqctl('import_definitions', join(dir, 'definitions.json'));
  });
  afterAll(async () => {
    await rabbitmqctl('delete_user', user).catch(() => undefined);
    await deleteVhost(id);
    rmSync(dir, { recursive: true, force: true });
  });

  it('creates the user compose connects as, with the password in its AMQP_URL', async () => {
    const compose = readFileSync(join(__dirname, '../../docker-compose.yml'), 'utf8');
    const [, name, password] = compose.match(/AMQP_URL: amqp:\/\/([^:]+):([^@]+)@rabbitmq:5672/)!;
    expect(name).toBe('oms');
    await expect(rabbitmqctl('authenticate_user', user, password)).resolves.toBeDefined();
  });

  it('applies the policies of broker-policies.json to the queues the services declare', async () => {
    const { stdout } = await rabbitmqctl('list_policies', '-p', id, '--formatter', 'json');
    const applied = JSON.parse(stdout).map((p: { name: string; pattern: string; 'apply-to': string; priority: number; definition: string }) =>
      ({ name: p.name, pattern: p.pattern, applyTo: p['apply-to'], priority: p.priority, definition: JSON.parse(p.definition) }));
    expect(applied.sort((a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name)))
      .toEqual([...BROKER_POLICIES].sort((a, b) => a.name.localeCompare(b.name)));

    const connection = await connect(`${AMQP_BASE.replace(/\/\/[^@]+@/, `//${user}:oms@`)}/${encodeURIComponent(id)}`);
    const channel = await connection.createChannel();
    await declareEventExchanges(channel);
    await declareConsumerQueue(connection, channel, { queue: 'order-service.events', bindings: ['order.placed'], retryDelaysMs: [1000] });
    await connection.close();
    const queues = await queueInfo(id, 'name', 'policy');
    expect(Object.fromEntries(queues.map((q) => [q.name, q.policy]))).toMatchObject({
      'order-service.events': 'oms-work-queues', 'order-service.events.retry.1000ms': 'oms-retry-queues', 'oms.unroutable': 'oms-unroutable',
    });
  });
});
