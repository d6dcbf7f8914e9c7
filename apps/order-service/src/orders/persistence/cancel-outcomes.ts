import { Inject, Injectable, OnModuleDestroy } from '@nestjs/common';
import { Client } from 'pg';
import type { Logger } from 'pino';
import { LOGGER } from '@oms/platform';
import { OrderServiceConfig } from '../../config/order-service.config';

/** The PostgreSQL channel on which a settled cancel (canceled, or refused) names its order, at commit. */
export const CANCEL_SETTLED_CHANNEL = 'order_cancel_settled';

/**
 * Waits for pending cancels to settle without polling: one connection per instance LISTENs on
 * `CANCEL_SETTLED_CHANNEL`, and whichever instance's handler settles a cancel NOTIFYs in its transaction,
 * so the wait ends at the commit, whichever instance asked.
 */
@Injectable()
export class CancelOutcomes implements OnModuleDestroy {
  private listener?: Promise<Client>;
  private readonly waiters = new Map<string, Set<() => void>>();

  constructor(
    @Inject(OrderServiceConfig) private readonly config: OrderServiceConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /**
   * Runs `request` (answering whether the order's cancel is pending after it), then waits until that
   * cancel settles or `timeoutMs` passes. Listening starts before the request, so no answer is missed.
   */
  async settle(orderId: string, timeoutMs: number, request: () => Promise<boolean>): Promise<void> {
    const listening = await this.listening();
    let wake: () => void = () => undefined;
    const settled = new Promise<void>((resolve) => (wake = resolve));
    const waiters = this.waiters.get(orderId) ?? new Set();
    this.waiters.set(orderId, waiters.add(wake));
    let timer: NodeJS.Timeout | undefined;
    try {
      if (!(await request()) || !listening) return;
      await Promise.race([settled, new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    } finally {
      clearTimeout(timer);
      waiters.delete(wake);
      if (!waiters.size) this.waiters.delete(orderId);
    }
  }

  async onModuleDestroy() {
    const listener = this.listener;
    this.listener = undefined;
    await listener?.then((client) => client.end(), () => undefined);
  }

  /** The LISTENing connection, (re)opened on demand; false when the database cannot be reached (the caller then does not wait). */
  private async listening(): Promise<boolean> {
    this.listener ??= this.connect();
    try {
      await this.listener;
      return true;
    } catch (error) {
      this.listener = undefined;
      this.logger.warn({ err: error }, 'cannot listen for cancel outcomes; answering without waiting');
      return false;
    }
  }

  private async connect(): Promise<Client> {
    const client = new Client({ connectionString: this.config.databaseUrl(), application_name: 'order-service:cancel-outcomes' });
    const lost = (error?: Error) => {
      if (error) this.logger.warn({ err: error }, 'the cancel-outcome listener lost its connection');
      this.listener = undefined;
    };
    client.on('error', lost);
    client.on('end', () => lost());
    client.on('notification', ({ payload }) => this.waiters.get(payload ?? '')?.forEach((wake) => wake()));
    await client.connect();
    await client.query(`LISTEN ${CANCEL_SETTLED_CHANNEL}`);
    return client;
  }
}
