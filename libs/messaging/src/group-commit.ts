import { EntityManager } from 'typeorm';
import { assertWithinDeadline, currentContext, RequestContext, runInContext } from '@oms/platform';
import { BatchFailure } from './inbox/apply-in-batch';

type Work<T> = (manager: EntityManager) => Promise<T>;
type Transaction = <T>(work: Work<T>) => Promise<T>;

interface Job {
  work: Work<unknown>;
  /** The caller's request context: its correlation id, causation and deadline go with its work. */
  context: RequestContext | undefined;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
}

const inContext = <T>(context: RequestContext | undefined, work: () => T): T => (context ? runInContext(context, work) : work());

/** `work`, then the check that its caller still waits: an RPC's work that outlived its deadline rolls back. */
export const withinDeadline = <T>(work: Work<T>): Work<T> => async (manager) => {
  const done = await work(manager);
  assertWithinDeadline();
  return done;
};

/** The jobs of a group whose callers' deadlines passed before its commit (the group was rolled back). */
class DeadlinesPassed extends Error {
  constructor(readonly indexes: number[], override readonly cause: unknown) {
    super('deadlines passed');
  }
}

/**
 * Group commit: units of work that arrive while a transaction is in flight wait for it, then run one
 * after the other in the next one, which commits them all — one BEGIN, one outbox insert and one COMMIT
 * (one WAL flush) for many requests instead of one each. Each caller is answered after that commit, in
 * its own request context (correlation, causation, deadline).
 *
 * When a unit fails, the group is rolled back (nothing of it was committed) and run again without it,
 * and it alone, so that its caller gets its own outcome and nobody else's. Units whose callers' deadlines
 * passed before the commit get the 504 they would have had alone. A failure that is no unit's own (the
 * connection lost at COMMIT) is answered to every caller as it is: it may have committed, and running
 * the work again could place an order twice.
 */
export class GroupCommit {
  private readonly waiting: Job[] = [];
  private running = 0;

  constructor(
    private readonly transaction: Transaction,
    private readonly options: { maxSize: number; concurrency: number },
  ) {}

  run<T>(work: Work<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.waiting.push({ work, context: currentContext(), resolve: resolve as (result: unknown) => void, reject });
      this.startGroups();
    });
  }

  private startGroups() {
    while (this.running < this.options.concurrency && this.waiting.length) {
      const group = this.waiting.splice(0, this.options.maxSize);
      this.running++;
      void this.commit(group).finally(() => {
        this.running--;
        this.startGroups();
      });
    }
  }

  private async commit(group: Job[]): Promise<void> {
    let jobs = group;
    // run alone after the rest committed, so that each sees what the others wrote, as in arrival order
    const failed: Job[] = [];
    while (jobs.length > 1) {
      try {
        await this.together(jobs);
        jobs = [];
      } catch (error) {
        if (error instanceof DeadlinesPassed) {
          error.indexes.forEach((index) => jobs[index].reject(error.cause));
          jobs = jobs.filter((_, index) => !error.indexes.includes(index));
        } else if (error instanceof BatchFailure && error.index !== undefined) {
          failed.push(jobs[error.index]);
          jobs = jobs.filter((_, index) => index !== error.index);
        } else {
          // those it held may have committed: answered as they are (the failed ones were in none of it)
          for (const job of jobs) job.reject(error);
          jobs = [];
        }
      }
    }
    for (const job of [...jobs, ...failed]) await this.alone(job);
  }

  private async together(jobs: readonly Job[]): Promise<void> {
    const results = await this.transaction(async (manager) => {
      const done: unknown[] = [];
      for (const [index, job] of jobs.entries()) {
        done.push(await inContext(job.context, () => job.work(manager)).catch((error: unknown) => {
          throw new BatchFailure(index, error);
        }));
      }
      // just before the commit, as alone: a caller who stopped waiting gets nothing it never saw
      const passed: number[] = [];
      let timeout: unknown;
      jobs.forEach((job, index) => {
        try {
          inContext(job.context, assertWithinDeadline);
        } catch (error) {
          passed.push(index);
          timeout = error;
        }
      });
      if (passed.length) throw new DeadlinesPassed(passed, timeout);
      return done;
    });
    jobs.forEach((job, index) => job.resolve(results[index]));
  }

  private async alone(job: Job): Promise<void> {
    try {
      job.resolve(await inContext(job.context, () => this.transaction(withinDeadline(job.work))));
    } catch (error) {
      job.reject(error);
    }
  }
}
