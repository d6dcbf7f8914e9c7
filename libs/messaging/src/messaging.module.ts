import { DynamicModule, Global, Injectable, Module, OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown, Provider, Type } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { Logger } from 'pino';
import { Registry } from 'prom-client';
import { assertWithinDeadline, LOGGER, ServiceConfig } from '@oms/platform';
import { AmqpClient } from './amqp-client';
import { declareEventExchanges } from './topology';
import { OutboxRelay } from './outbox/outbox-relay';
import { EventConsumer } from './inbox/event-consumer';
import { EventHandler } from './inbox/event-handler';

/**
 * Runs business work in one transaction and wakes the outbox relay once it committed: use cases write
 * state and `enqueueEvents` through the given manager, and never publish themselves.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly dataSource: DataSource,
    private readonly relay: OutboxRelay,
  ) {}

  /** Runs `work` in one transaction; an RPC's work that outlived its caller's deadline is rolled back. */
  async run<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    const result = await this.dataSource.transaction(async (manager) => {
      const done = await work(manager);
      assertWithinDeadline();
      return done;
    });
    this.relay.wake();
    return result;
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

const EVENT_CONSUMER = Symbol('EVENT_CONSUMER');

@Global()
@Module({})
export class MessagingModule {
  /** The broker connection, exchange declarations, outbox relay and UnitOfWork of one service. */
  static forService(service: string): DynamicModule {
    const providers: Provider[] = [
      {
        provide: AmqpClient,
        inject: [ServiceConfig, LOGGER],
        useFactory: async (config: ServiceConfig, logger: Logger) => {
          const client = new AmqpClient(config.AMQP_URL, logger, service);
          await client.register(async (connection) => {
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
    ];
    return { module: MessagingModule, providers, exports: [AmqpClient, OutboxRelay, UnitOfWork] };
  }
}

/**
 * The consumer of `<service>.events` with the handlers listed: one place that names every event a
 * service subscribes to. Starts once the app is up; on shutdown stops taking messages and drains.
 */
export function eventConsumerProvider(queue: string, handlers: Type<EventHandler>[]): Provider {
  return {
    provide: EVENT_CONSUMER,
    inject: [AmqpClient, DataSource, OutboxRelay, LOGGER, ServiceConfig, Registry, ...handlers],
    useFactory: (
      amqp: AmqpClient, dataSource: DataSource, relay: OutboxRelay, logger: Logger, config: ServiceConfig,
      registry: Registry, ...instances: EventHandler[]
    ) => {
      const consumer = new EventConsumer(amqp, dataSource, relay, logger, {
        queue,
        handlers: instances,
        prefetch: config.EVENT_PREFETCH,
        maxAttempts: config.EVENT_MAX_ATTEMPTS,
        retryDelaysMs: config.retryDelaysMs(),
        shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
      }, registry);
      return Object.assign(consumer, {
        onApplicationBootstrap: () => consumer.start(),
        beforeApplicationShutdown: () => consumer.stop(),
      });
    },
  };
}

/** Readiness check of the broker connection. */
export const brokerCheck = (amqp: AmqpClient) => ({
  name: 'broker',
  check: async () => {
    if (!amqp.isConnected) throw new Error('not connected');
  },
});
