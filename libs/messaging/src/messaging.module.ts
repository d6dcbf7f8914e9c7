import { BeforeApplicationShutdown, DynamicModule, Global, Inject, Injectable, Module, OnApplicationBootstrap, OnApplicationShutdown, Optional, Provider } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService } from '@nestjs/core';
import { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { LOGGER, ServiceConfig } from '@oms/platform';
import { AmqpClient } from './amqp-client';
import { declareEventExchanges } from './topology';
import { OutboxRelay } from './outbox/outbox-relay';
import { commitThenRelay } from './outbox/outbox';
import { GroupCommit, withinDeadline } from './group-commit';
import { EventConsumer } from './inbox/event-consumer';
import { declaredHandlers } from './inbox/on-event';
import { Housekeeping, RETENTION_RULES, RetentionRule } from './housekeeping';
import { DeadLetters } from './dead-letters/dead-letters';
import { DeadLettersRpcController } from './dead-letters/dead-letters.rpc-controller';

/**
 * Runs business work in one transaction and hands its events to the outbox relay once it committed: use cases write
 * state and `enqueueEvents` through the given manager, and never publish themselves.
 */
@Injectable()
export class UnitOfWork {
  private readonly groups: GroupCommit;

  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    @Optional() config?: ServiceConfig,
  ) {
    this.groups = new GroupCommit((work) => commitThenRelay(this.dataSource, this.relay, work), {
      maxSize: config?.GROUP_COMMIT_SIZE ?? 1, concurrency: config?.GROUP_COMMIT_CONCURRENCY ?? 1,
    });
  }

  /** Runs `work` in one transaction; an RPC's work that outlived its caller's deadline is rolled back. */
  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return commitThenRelay(this.dataSource, this.relay, withinDeadline(work));
  }

  /**
   * As run(), but in one transaction with the units that wait meanwhile (GroupCommit): for hot requests
   * that each write a little and lock nothing another request could hold in a different order.
   */
  runTogether<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.groups.run(work);
  }
}

/** Starts and stops the broker connection and the relay with the app. */
@Injectable()
class MessagingLifecycle implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  constructor(
    private readonly amqp: AmqpClient,
    private readonly relay: OutboxRelay,
  ) {}

  onApplicationBootstrap() {
    this.amqp.start();
    this.relay.start();
  }
  beforeApplicationShutdown() {
    return this.relay.stop();
  }
  onApplicationShutdown() {
    return this.amqp.close();
  }
}

const CONSUMER_QUEUE = Symbol('CONSUMER_QUEUE');

@Global()
@Module({})
export class MessagingModule {
  /** The broker connection, exchange declarations, outbox relay and UnitOfWork of one service. */
  /** `retention`: the service's own tables that housekeeping deletes from, besides the inbox and idempotency keys. */
  static forService(service: string, retention: RetentionRule[] = []): DynamicModule {
    const providers: Provider[] = [
      { provide: RETENTION_RULES, useValue: retention },
      {
        provide: AmqpClient,
        inject: [ServiceConfig, LOGGER],
        useFactory: async (config: ServiceConfig, logger: Logger) => {
          const client = new AmqpClient(config.AMQP_URL, logger, service);
          await client.register('event exchanges', async (connection) => {
            const channel = await connection.createChannel();
            await declareEventExchanges(channel);
            await channel.close();
          });
          return client;
        },
      },
      {
        provide: OutboxRelay,
        inject: [DataSource, AmqpClient, LOGGER, ServiceConfig, Registry],
        useFactory: (dataSource: DataSource, amqp: AmqpClient, logger: Logger, config: ServiceConfig, registry: Registry) =>
          new OutboxRelay(dataSource, amqp, logger, {
            batchSize: config.OUTBOX_BATCH_SIZE,
            pollIntervalMs: config.OUTBOX_POLL_MS,
            retentionHours: config.OUTBOX_RETENTION_HOURS,
          }, registry),
      },
      UnitOfWork,
      MessagingLifecycle,
      Housekeeping,
      DeadLetters,
      { provide: CONSUMER_QUEUE, useValue: `${service}.events` },
      EventConsumerHost,
    ];
    return {
      module: MessagingModule, imports: [DiscoveryModule], providers, controllers: [DeadLettersRpcController], exports: [AmqpClient, OutboxRelay, UnitOfWork],
    };
  }
}

/**
 * The consumer of `<service>.events`: at start it collects every `@OnEvent` method of the app's providers
 * (so a handler is declared once, where it is written), subscribes the queue to their routing keys and
 * starts consuming; an app without handlers consumes nothing. On shutdown it stops taking messages and
 * drains.
 */
@Injectable()
class EventConsumerHost implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private consumer?: EventConsumer;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly amqp: AmqpClient,
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly config: ServiceConfig,
    private readonly registry: Registry,
    @Inject(CONSUMER_QUEUE) private readonly queue: string,
    private readonly deadLetters: DeadLetters,
  ) {}

  async onApplicationBootstrap() {
    const handlers = this.discovery.getProviders()
      .filter((wrapper) => wrapper.isDependencyTreeStatic() && wrapper.instance && typeof wrapper.instance === 'object')
      .flatMap((wrapper) => declaredHandlers(wrapper.instance as object));
    if (!handlers.length) return;
    const types = handlers.map((h) => h.type);
    const twice = types.filter((type, i) => types.indexOf(type) !== i);
    if (twice.length) throw new Error(`more than one @OnEvent handler for ${[...new Set(twice)].join(', ')}`);
    this.consumer = new EventConsumer(this.amqp, this.dataSource, this.relay, this.logger, {
      queue: this.queue,
      handlers,
      prefetch: this.config.EVENT_PREFETCH,
      batchSize: this.config.EVENT_BATCH_SIZE,
      batchConcurrency: this.config.EVENT_BATCH_CONCURRENCY,
      maxAttempts: this.config.EVENT_MAX_ATTEMPTS,
      retryDelaysMs: this.config.retryDelaysMs(),
      shutdownTimeoutMs: this.config.SHUTDOWN_TIMEOUT_MS,
      keepDeadLetter: (queue, message) => this.deadLetters.keep(queue, message),
    }, this.registry);
    await this.consumer.start();
  }

  beforeApplicationShutdown() {
    return this.consumer?.stop();
  }
}

/** Readiness check of the broker connection. */
export const brokerCheck = (amqp: AmqpClient) => ({
  name: 'broker',
  check: async () => {
    if (!amqp.isConnected) throw new Error('not connected');
    // connected, but an RPC client or consumer not set up yet would refuse or miss what it is sent
    if (amqp.partsSettingUp.size) throw new Error(`connected, still setting up ${[...amqp.partsSettingUp].join(', ')}`);
    const failing = [...amqp.failingParts].map(([part, why]) => `${part}: ${why}`);
    if (failing.length) throw new Error(`connected, but could not set up ${failing.join('; ')}`);
  },
});
