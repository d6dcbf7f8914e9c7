import { execFile } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { BROKER_POLICIES, setPolicyArgs } from '@oms/messaging';
import { freePort, waitFor } from './infra';

const exec = promisify(execFile);

interface Node {
  name: string;
  port: number;
  url: string;
}

/**
 * A RabbitMQ cluster of three nodes of the installed server on this machine: each with its own node
 * name, ports, data folder and config, the same Erlang cookie, joined into one cluster. Needs root (the
 * server runs as the `rabbitmq` user, which must own the folders).
 */
export class RabbitCluster {
  readonly nodes: Node[] = [];
  private readonly dir = join('/tmp/oms-rabbit-cluster', String(process.pid));

  /** The AMQP_URL the apps get: every node, comma-separated. */
  get url(): string {
    return this.nodes.map((node) => node.url).join(',');
  }

  /** rabbitmqctl on a node; one that does not answer within a minute is an error that names the command, not a hung test. */
  ctl(node: Node, ...args: string[]) {
    return exec('rabbitmqctl', ['-q', '-n', node.name, ...args], { timeout: 60_000 });
  }

  async start(size = 3): Promise<this> {
    for (let i = 1; i <= size; i++) {
      const port = await freePort();
      const name = `oms-cluster-${process.pid}-${i}@localhost`;
      const home = join(this.dir, `node${i}`);
      mkdirSync(home, { recursive: true });
      writeFileSync(join(home, 'rabbitmq.conf'), `listeners.tcp.local = 127.0.0.1:${port}\nloopback_users = none\n`);
      writeFileSync(join(home, 'enabled_plugins'), '[].');
      await exec('chown', ['-R', 'rabbitmq:rabbitmq', this.dir]);
      await exec('rabbitmq-server', ['-detached'], {
        env: {
          ...process.env, RABBITMQ_NODENAME: name, RABBITMQ_NODE_PORT: String(port), RABBITMQ_DIST_PORT: String(await freePort()),
          RABBITMQ_MNESIA_BASE: join(home, 'mnesia'), RABBITMQ_LOG_BASE: join(home, 'log'), RABBITMQ_CONFIG_FILE: join(home, 'rabbitmq.conf'),
          RABBITMQ_ENABLED_PLUGINS_FILE: join(home, 'enabled_plugins'), RABBITMQ_PID_FILE: join(home, 'pid'),
        },
      });
      this.nodes.push({ name, port, url: `amqp://guest:guest@127.0.0.1:${port}` });
    }
    for (const node of this.nodes) await waitFor(() => this.ctl(node, 'await_startup').then(() => true), 60_000, `${node.name} to start`);
    for (const node of this.nodes.slice(1)) {
      await this.ctl(node, 'stop_app');
      await this.ctl(node, 'join_cluster', this.nodes[0].name);
      await this.ctl(node, 'start_app');
    }
    for (const policy of BROKER_POLICIES) await this.ctl(this.nodes[0], ...setPolicyArgs('/', policy));
    return this;
  }

  /** The node that leads a quorum queue (its Raft leader), as `from` (a node that is up) sees it. */
  async leaderOf(queue: string, from = this.nodes[0]): Promise<Node> {
    const { stdout } = await this.ctl(from, 'list_queues', 'name', 'leader');
    const leader = stdout.split('\n').map((line) => line.split('\t')).find(([name]) => name === queue)?.[1];
    const node = this.nodes.find((candidate) => candidate.name === leader);
    if (!node) throw new Error(`no leader found for ${queue} in:\n${stdout}`);
    return node;
  }

  /** Messages in every queue, from a node that is up. */
  async queueDepths(from: Node): Promise<Record<string, number>> {
    const { stdout } = await this.ctl(from, 'list_queues', 'name', 'messages');
    return Object.fromEntries(stdout.trim().split('\n').map((line) => line.split('\t')).filter(([name]) => name && name !== 'name').map(([name, n]) => [name, Number(n)]));
  }

  /** Stops a node's RabbitMQ application: its connections drop, the others elect new leaders. */
  stopNode(node: Node) {
    return this.ctl(node, 'stop_app');
  }

  async stop(): Promise<void> {
    for (const node of this.nodes) await this.ctl(node, 'stop').catch(() => undefined);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
