import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Logger } from 'pino';
import { purgeExpired, RetentionRule } from '@oms/messaging';
import { LOGGER } from '@oms/platform';
import { NotificationServiceConfig } from '../../config/notification-service.config';

/**
 * The delivery log does not grow for ever: notifications (with their rendered content and attempts)
 * older than NOTIFICATION_RETENTION_DAYS are deleted in batches, one instance at a time, at the
 * housekeeping interval.
 */
@Injectable()
export class NotificationRetention implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  readonly rule: RetentionRule;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(NotificationServiceConfig) private readonly config: NotificationServiceConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.rule = { table: 'notification', column: 'created_at', hours: config.NOTIFICATION_RETENTION_DAYS * 24 };
  }

  onApplicationBootstrap() {
    this.timer = setInterval(() => {
      this.running ??= this.runOnce().finally(() => (this.running = undefined));
    }, this.config.HOUSEKEEPING_INTERVAL_MS).unref();
  }

  async beforeApplicationShutdown() {
    clearInterval(this.timer);
    await this.running;
  }

  async runOnce(): Promise<number> {
    try {
      const { notification } = await purgeExpired(this.dataSource, [this.rule], this.config.HOUSEKEEPING_BATCH_SIZE);
      if (notification) this.logger.info({ deleted: notification }, 'notifications past their retention deleted');
      return notification ?? 0;
    } catch (error) {
      this.logger.warn({ err: error }, 'notification retention failed; it runs again at the next interval');
      return 0;
    }
  }
}
