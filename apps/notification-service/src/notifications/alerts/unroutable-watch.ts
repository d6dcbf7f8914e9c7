import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import { Gauge, Registry } from 'prom-client';
import { AmqpClient, UNROUTABLE_POLICY, UNROUTABLE_QUEUE, UnitOfWork } from '@oms/messaging';
import { LOGGER } from '@oms/platform';
import { NotificationPlanner } from '../notification-planner';

const EVERY_MS = 30_000;
const HOUR_MS = 3_600_000;

/** A uuid-shaped id from a name: every instance derives the same one for the same hour. */
const idFor = (name: string) => {
  const hex = createHash('sha256').update(name).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

/**
 * Watches `oms.unroutable`, where events nobody is bound to land: its depth is a metric
 * (`oms_unroutable_messages`), and when it grows staff are alerted — at most once an hour, whichever
 * instance notices (the alert's id is the hour's).
 */
@Injectable()
export class UnroutableWatch implements OnApplicationBootstrap, OnApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private lastCount = 0;
  private readonly depth: Gauge;

  constructor(
    private readonly amqp: AmqpClient,
    private readonly planner: NotificationPlanner,
    private readonly unitOfWork: UnitOfWork,
    @Inject(LOGGER) private readonly logger: Logger,
    registry: Registry,
  ) {
    this.depth = new Gauge({ name: 'oms_unroutable_messages', help: `Events no queue is bound to, kept in ${UNROUTABLE_QUEUE} (at most ${UNROUTABLE_POLICY.definition['max-length']} with the ${UNROUTABLE_POLICY.name} policy)`, registers: [registry] });
  }

  onApplicationBootstrap() {
    this.timer = setInterval(() => void this.check(), EVERY_MS).unref();
  }

  onApplicationShutdown() {
    clearInterval(this.timer);
  }

  async check(now = Date.now()): Promise<void> {
    const count = (await this.amqp.messageCounts([UNROUTABLE_QUEUE])).get(UNROUTABLE_QUEUE);
    if (count === undefined) return; // disconnected, or the queue is not declared yet
    this.depth.set(count);
    const grew = count > this.lastCount;
    this.lastCount = count;
    if (!grew) return;
    this.logger.warn({ queue: UNROUTABLE_QUEUE, messages: count }, 'events are arriving that no service consumes');
    const hour = Math.floor(now / HOUR_MS);
    await this.unitOfWork.run((manager) => this.planner.alertStaff(manager,
      { id: idFor(`unroutable:${hour}`), type: 'ops.unroutable', occurredAt: new Date(now).toISOString(), payload: { messages: count } },
      'staff-unroutable', { unroutable: { queue: UNROUTABLE_QUEUE, messages: count } }));
  }
}
