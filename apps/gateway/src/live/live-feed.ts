import { EventEmitter } from 'node:events';
import { BeforeApplicationShutdown, OnApplicationBootstrap } from '@nestjs/common';
import { fromEvent, Observable, share, takeUntil } from 'rxjs';
import type { Logger } from 'pino';
import { EVENTS_EXCHANGE, EventEnvelope } from '@oms/contracts';
import { AmqpClient, declareEventExchanges } from '@oms/messaging';

/** What a screen needs to know to refetch: which kind of thing changed, and which order or SKUs. */
export interface LiveChange {
  type: string;
  orderId: string | null;
  orderNumber: string | null;
  skus: string[];
  occurredAt: string;
}

/** The events staff screens follow. */
const LIVE_BINDINGS = ['order.#', 'shipment.#', 'inventory.#', 'notification.#'] as const;

/** The order and SKUs an event is about, read from the envelope without trusting its payload's shape. */
export function toLiveChange(event: EventEnvelope): LiveChange {
  const payload = (event.payload ?? {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : null);
  const lines = Array.isArray(payload.items) ? payload.items : Array.isArray(payload.lines) ? payload.lines : [];
  const skus = [text(payload.sku), ...lines.map((line) => text((line as Record<string, unknown>)?.sku))].filter((sku): sku is string => !!sku);
  return {
    type: event.type,
    orderId: text(payload.orderId) ?? (event.type.startsWith('order.') ? event.aggregateId : null),
    orderNumber: text(payload.orderNumber),
    skus: [...new Set(skus)],
    occurredAt: event.occurredAt,
  };
}

/**
 * The gateway's view of the event bus for live screens: a queue of its own per instance (exclusive,
 * deleted with the connection, bound to the events screens show), fanned out to every open stream.
 * Unacknowledged and non-durable on purpose: a screen that misses a change while the broker is away
 * refetches when its stream reconnects, so nothing here needs to survive a restart.
 */
export class LiveFeed implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly bus = new EventEmitter().setMaxListeners(0);

  constructor(
    private readonly amqp: AmqpClient,
    private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.amqp.register('live feed', async (connection) => {
      const channel = await connection.createChannel();
      channel.on('error', (error) => this.logger.warn({ err: error }, 'live feed channel failed'));
      await declareEventExchanges(channel);
      const { queue } = await channel.assertQueue('', { exclusive: true, autoDelete: true, durable: false, arguments: { 'x-max-length': 10_000 } });
      for (const key of LIVE_BINDINGS) await channel.bindQueue(queue, EVENTS_EXCHANGE, key);
      await channel.consume(queue, (message) => {
        // read only while a stream is open: with none, the events of every order would be parsed for no one
        if (!message || !this.bus.listenerCount('change')) return;
        try {
          this.bus.emit('change', toLiveChange(JSON.parse(message.content.toString('utf8')) as EventEnvelope));
        } catch (error) {
          this.logger.warn({ err: error }, 'live feed skipped an unreadable event');
        }
      }, { noAck: true });
    });
  }

  /** Emitted once when the gateway stops: open streams end, so that the HTTP server can close. */
  readonly closing: Observable<unknown> = fromEvent(this.bus, 'closing').pipe(share());

  /** Every change from now on, until the gateway stops. */
  changesStream(): Observable<LiveChange> {
    return (fromEvent(this.bus, 'change') as Observable<LiveChange>).pipe(takeUntil(this.closing));
  }

  beforeApplicationShutdown(): void {
    this.bus.emit('closing');
  }
}
