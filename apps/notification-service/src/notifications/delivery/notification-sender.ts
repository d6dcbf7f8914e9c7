import { BeforeApplicationShutdown, Inject, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { Counter, Histogram, Registry } from 'prom-client';
import { EntityManager } from 'typeorm';
import { enqueueEvents, UnitOfWork } from '@oms/messaging';
import { LOGGER } from '@oms/platform';
import { NotificationServiceConfig } from '../../config/notification-service.config';
import { SubscriptionRepository } from '../../webhooks/persistence/subscription.repository';
import { outcomeEvent } from '../domain/outcome-event';
import { nextRetryDelay, parseRetrySchedule } from '../domain/retry-schedule';
import { NotificationPlanner } from '../notification-planner';
import { Attempt, JobState, Notification, NotificationRepository } from '../persistence/notification.repository';
import { Channel, SendResult } from './channel';
import { Channels } from './channels';
import { DeliveryQueue } from './delivery-queue';

interface Outcome extends JobState {
  /** The subscription stops receiving: 410, or the whole schedule failed (then it holds what comes meanwhile). */
  disableSubscription?: { reason: string; holdsDeliveries: boolean };
}

/**
 * Delivers due notifications: per channel, a loop sends up to SEND_CONCURRENCY jobs at a time, those
 * just planned (handed over by the DeliveryQueue) and those it claims from the table, each with a
 * timeout, so a slow SMTP server, SMS API or webhook endpoint holds up only its own channel, never the
 * event queue or the others. Each attempt is recorded with the job's next state (sent,
 * retried on the schedule, failed); the attempts that finish while a batch is being written are written
 * together in the next one (group commit). Instances share the jobs (SKIP LOCKED).
 *
 * The one window: a crash after the provider accepted a message and before its attempt is recorded
 * sends it again when the lease runs out — twice, never zero times.
 */
@Injectable()
export class NotificationSender implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private stopping = false;
  private readonly loops: Promise<void>[] = [];
  private readonly schedule: number[];
  private readonly sent: Counter<'channel' | 'outcome'>;
  /** Attempts waiting to be recorded: they are written together, in one transaction per batch (group commit). */
  private readonly unrecorded: { job: Notification; attempt: Attempt; outcome: Outcome; done: (error?: Error) => void }[] = [];
  private recording?: Promise<void>;
  private readonly lag: Histogram<'channel'>;

  constructor(
    @Inject(NotificationServiceConfig) private readonly config: NotificationServiceConfig,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly channels: Channels,
    private readonly notifications: NotificationRepository,
    private readonly queue: DeliveryQueue,
    private readonly subscriptions: SubscriptionRepository,
    private readonly unitOfWork: UnitOfWork,
    private readonly planner: NotificationPlanner,
    registry: Registry,
  ) {
    this.schedule = parseRetrySchedule(config.NOTIFICATION_RETRY_SCHEDULE);
    this.sent = new Counter({ name: 'oms_notification_attempts_total', help: 'Notification attempts by channel and outcome', labelNames: ['channel', 'outcome'], registers: [registry] });
    this.lag = new Histogram({
      name: 'oms_notification_lag_seconds', help: 'From the event to the message accepted by its provider', labelNames: ['channel'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300], registers: [registry],
    });
  }

  onApplicationBootstrap() {
    for (const channel of this.channels.all) {
      if (!channel.unavailableReason()) {
        this.queue.open(channel.name);
        this.loops.push(this.run(channel));
      } else this.logger.info({ channel: channel.name, reason: channel.unavailableReason() }, `${channel.name} notifications are stored, not sent`);
    }
  }

  async beforeApplicationShutdown() {
    this.queue.close();
    this.stopping = true;
    await Promise.all(this.loops);
    await this.recording;
  }

  /**
   * Sends the jobs handed over as they come and claims the others (retries, those planned elsewhere or
   * beyond the hand-over's room) from the table: each poll, and at once again while a claim comes back
   * full. Behind like that, it claims a whole batch and keeps what it has no slot for yet, so that the
   * slots that free up are filled from memory, not with a claim (and a wait for it) each.
   */
  private async run(channel: Channel) {
    const inFlight = new Set<Promise<void>>();
    const claimed: Notification[] = [];
    let nextPoll = 0;
    let backlog = false;
    while (!this.stopping || this.queue.holds(channel.name) || claimed.length) {
      const free = this.config.SEND_CONCURRENCY - inFlight.size;
      const jobs = this.queue.take(channel.name, free);
      const missing = free - jobs.length - claimed.length;
      if (missing > 0 && !this.stopping && (backlog || Date.now() >= nextPoll)) {
        nextPoll = Date.now() + this.config.SEND_POLL_MS;
        const wanted: number = backlog ? this.config.SEND_CONCURRENCY : missing;
        try {
          const due = await this.notifications.claimDue(channel.name, wanted, this.queue.leaseMs);
          backlog = due.length === wanted;
          if (!backlog) this.queue.caughtUp(channel.name);
          claimed.push(...due);
        } catch (error) {
          backlog = false;
          this.logger.warn({ err: error, channel: channel.name }, 'could not claim due notifications');
        }
      }
      jobs.push(...claimed.splice(0, free - jobs.length));
      for (const job of jobs) {
        const work = this.deliver(channel, job).catch((error) => this.logger.error({ err: error, notificationId: job.id }, 'could not record a notification attempt; it is retried when its lease ends'));
        inFlight.add(work);
        void work.finally(() => inFlight.delete(work));
      }
      if (inFlight.size >= this.config.SEND_CONCURRENCY) await Promise.race(inFlight);
      else if (!backlog && !this.queue.holds(channel.name) && !claimed.length) await this.pause(channel, inFlight, nextPoll);
    }
    await Promise.allSettled(inFlight);
  }

  /** Waits for the next poll, or less when jobs are handed over or a send finishes and frees a slot. */
  private pause(channel: Channel, inFlight: Set<Promise<void>>, nextPoll: number) {
    let timer: NodeJS.Timeout | undefined;
    let cancel: (() => void) | undefined;
    const woken = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, Math.max(0, nextPoll - Date.now()));
      cancel = this.queue.whenArrived(channel.name, resolve);
    });
    return Promise.race([woken, ...inFlight]).finally(() => {
      clearTimeout(timer);
      cancel?.();
    });
  }

  private async deliver(channel: Channel, job: Notification) {
    const started = Date.now();
    let result: SendResult;
    try {
      result = await channel.send(job);
    } catch (error) {
      result = { ok: false, error: (error as Error).message, responseStatus: null };
    }
    const outcome = this.outcome(job, result);
    const attempt: Attempt = {
      notificationId: job.id, at: new Date(started), ok: result.ok, error: result.ok ? null : result.error, responseStatus: result.responseStatus,
      durationMs: Date.now() - started,
    };
    await new Promise<void>((resolve, reject) => {
      this.unrecorded.push({ job, attempt, outcome, done: (error) => (error ? reject(error) : resolve()) });
      this.recordSoon();
    });
    this.sent.inc({ channel: channel.name, outcome: outcome.status === 'pending' ? 'retried' : outcome.status });
    if (result.ok) this.lag.observe({ channel: channel.name }, (Date.now() - job.eventOccurredAt.getTime()) / 1000);
    if (!result.ok) this.logger.warn({ notificationId: job.id, channel: channel.name, attempt: job.attemptCount, error: result.error, next: outcome.status }, 'notification attempt failed');
  }

  /** Starts recording unless a batch is being recorded; what arrives meanwhile goes in the next batch. */
  private recordSoon() {
    if (this.recording) return;
    this.recording = this.recordBatches().finally(() => {
      this.recording = undefined;
      if (this.unrecorded.length) this.recordSoon();
    });
  }

  private async recordBatches() {
    while (this.unrecorded.length) {
      const batch = this.unrecorded.splice(0, 200);
      try {
        await this.unitOfWork.run(async (manager) => {
          await this.notifications.recordAttempts(manager, batch.map(({ attempt, outcome }) => ({ ...attempt, ...outcome })));
          for (const { job, outcome } of batch) {
            if (outcome.disableSubscription && job.subscriptionId) await this.disableSubscription(manager, job, outcome.disableSubscription);
          }
          await enqueueEvents(manager, batch.flatMap(({ job, outcome }) => outcomeEvent(job, outcome.status, outcome.statusReason) ?? []));
        });
        for (const entry of batch) entry.done();
      } catch (error) {
        for (const entry of batch) entry.done(error as Error);
      }
    }
  }

  /** Where the job stands after this attempt. */
  private outcome(job: Notification, result: SendResult): Outcome {
    if (result.ok) return { status: 'sent', statusReason: null, nextAttemptAt: null };
    if (result.gone) return { status: 'failed', statusReason: result.error, nextAttemptAt: null, disableSubscription: { reason: 'the endpoint answered 410 Gone', holdsDeliveries: false } };
    if (result.permanent) return { status: 'failed', statusReason: result.error, nextAttemptAt: null };
    const delay = nextRetryDelay(job.attemptCount, this.schedule, result.retryAfterMs ?? null);
    if (delay !== null) return { status: 'pending', statusReason: result.error, nextAttemptAt: new Date(Date.now() + delay) };
    const reason = `gave up after ${job.attemptCount} attempts: ${result.error}`;
    return { status: 'failed', statusReason: reason, nextAttemptAt: null, ...(job.channel === 'webhook' ? { disableSubscription: { reason: `every delivery attempt of one event failed (${reason})`, holdsDeliveries: true } } : {}) };
  }

  /** The subscription stops receiving (its pending deliveries wait until it is enabled again) and staff are told. */
  private async disableSubscription(manager: EntityManager, job: Notification, { reason, holdsDeliveries }: { reason: string; holdsDeliveries: boolean }) {
    const subscription = await this.subscriptions.update(manager, job.subscriptionId!, { enabled: false, disabledReason: reason, holdsDeliveries });
    if (!subscription) return;
    this.logger.warn({ subscriptionId: subscription.id, url: subscription.url, reason }, 'webhook subscription disabled');
    await this.planner.alertStaff(manager, { id: job.id, type: 'webhook.disabled', occurredAt: new Date().toISOString(), payload: { subscriptionId: subscription.id } },
      'staff-webhook-disabled', { subscription: { url: subscription.url, reason } });
  }

}
