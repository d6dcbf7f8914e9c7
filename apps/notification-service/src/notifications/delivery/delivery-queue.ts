import { Inject, Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { NotificationChannel } from '@oms/contracts';
import { afterTransaction } from '@oms/messaging';
import { NotificationServiceConfig } from '../../config/notification-service.config';
import { NewNotification, Notification, NotificationRepository } from '../persistence/notification.repository';

interface Held {
  jobs: Notification[];
  /** Jobs leased in transactions that have not ended yet. */
  reserved: number;
  /** Jobs went to the table for want of room: new ones follow them there until the sender has caught up. */
  overflowed: boolean;
  /** The sender waiting for jobs: called once, at the next hand-over. */
  wake?: () => void;
}

/**
 * Hands the jobs an event plans straight to this process's sender. They are inserted with their first
 * attempt leased to it and, once their transaction commits, held here until the sender takes them, so
 * it sends them without claiming them from the table and without waiting for its next poll. At most
 * two batches per channel are held (sent within three send timeouts, well within the lease). Jobs wait
 * in the table for the sender's poll instead when there is no room (and after that, until the sender
 * has claimed what went there meanwhile, so that no new job overtakes them), when their channel is not
 * sent from here, and for webhooks (they wait while their subscription is disabled, which the claim
 * checks). A job held here when the process dies is sent by whichever sender claims it when its lease
 * runs out.
 */
@Injectable()
export class DeliveryQueue {
  /** Long enough that a live sender always records first; a dead one's jobs come back after it. */
  readonly leaseMs: number;
  private readonly limit: number;
  private readonly held = new Map<NotificationChannel, Held>();
  private closed = false;

  constructor(
    @Inject(NotificationServiceConfig) config: NotificationServiceConfig,
    private readonly notifications: NotificationRepository,
  ) {
    this.leaseMs = config.SEND_TIMEOUT_MS * 3 + 30_000;
    this.limit = config.SEND_CONCURRENCY * 2;
  }

  /** The sender sends this channel from this process: its new jobs are handed to it. */
  open(channel: NotificationChannel) {
    this.held.set(channel, { jobs: [], reserved: 0, overflowed: false });
  }

  /** Shutting down: new jobs wait in the table; those held still go to the sender. */
  close() {
    this.closed = true;
  }

  /** Adds the jobs in the caller's transaction (see NotificationRepository.add), leasing to this sender those it can take. */
  async add(manager: EntityManager, notifications: NewNotification[]): Promise<Notification[]> {
    const taken = notifications.filter((job) => this.reserve(job));
    let added: Notification[] = [];
    const leased = taken.length > 0 && afterTransaction(manager, (committed) => {
      this.release(taken);
      if (committed) this.hold(added.filter((job) => job.leaseUntil));
    });
    if (!leased) this.release(taken);
    added = await this.notifications.add(manager, notifications, leased ? { ids: new Set(taken.map((job) => job.id)), until: new Date(Date.now() + this.leaseMs) } : undefined);
    return added;
  }

  /** Up to `max` of the channel's held jobs, oldest first. */
  take(channel: NotificationChannel, max: number): Notification[] {
    return this.held.get(channel)?.jobs.splice(0, max) ?? [];
  }

  /** The sender's claim found no more due jobs of the channel in the table: new ones are handed over again. */
  caughtUp(channel: NotificationChannel) {
    const held = this.held.get(channel);
    if (held) held.overflowed = false;
  }

  holds(channel: NotificationChannel): boolean {
    return Boolean(this.held.get(channel)?.jobs.length);
  }

  /** Calls `wake` when jobs of the (open) channel are next handed over, unless the answered cancel comes first. */
  whenArrived(channel: NotificationChannel, wake: () => void): () => void {
    const held = this.held.get(channel)!;
    held.wake = wake;
    return () => {
      if (held.wake === wake) held.wake = undefined;
    };
  }

  private reserve(job: NewNotification): boolean {
    const held = this.held.get(job.channel);
    const due = job.status === 'pending' && job.nextAttemptAt !== null && job.nextAttemptAt.getTime() <= Date.now();
    // a webhook goes when its subscription is enabled, which the claim checks then
    if (this.closed || !held || !due || job.subscriptionId || held.overflowed) return false;
    if (held.jobs.length + held.reserved >= this.limit) {
      // this job waits in the table, and those after it too, so that none overtakes it
      held.overflowed = true;
      return false;
    }
    held.reserved++;
    return true;
  }

  private release(reserved: NewNotification[]) {
    for (const job of reserved) this.held.get(job.channel)!.reserved--;
  }

  private hold(jobs: Notification[]) {
    for (const job of jobs) this.held.get(job.channel)!.jobs.push(job);
    for (const channel of new Set(jobs.map((job) => job.channel))) {
      const held = this.held.get(channel)!;
      const wake = held.wake;
      held.wake = undefined;
      wake?.();
    }
  }
}
