import { EntityManager } from 'typeorm';
import { assertWithinDeadline, currentContext, RequestContext, runInContext } from '@oms/platform';
import { applyInBatch, BatchFailure } from './inbox/apply-in-batch';

type Work<T> = (manager: EntityManager) => Promise<T>;
type Transaction = <T>(work: Work<T>) => Promise<T>;

interface Job {
  work: Work<unknown>;
  /** The caller's request context: its correlation id, causation and deadline go with its work. */
  context: RequestContext | undefined;
  /** Set once the caller has its answer: a unit answered early (a 504, a lost commit) is not run again. */
  answered: boolean;
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

/**
 * Group commit: units of work that arrive while a transaction is in flight wait for it, then run one
 * after the other in the next one, which commits them all — one BEGIN, one outbox insert and one COMMIT
 * (one WAL flush) for many requests instead of one each. Each caller is answered after that commit, in
 * its own request context (correlation, causation, deadline).
 *
 * A failure is handled as the inbox handles one in a batch (applyInBatch): the group rolls back and runs
 * again without the unit that failed, and that unit alone afterwards, so that its caller gets its own
 * outcome and nobody else's; at most three attempts per unit. Units whose callers' deadlines passed
 * before the commit get the 504 they would have had alone. A failure that is no unit's own (the
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
      const job: Job = {
        work, context: currentContext(), answered: false,
        resolve: (result) => { job.answered = true; resolve(result as T); },
        reject: (error) => { job.answered = true; reject(error); },
      };
      this.waiting.push(job);
      this.startGroups();
    });
  }

  private startGroups() {
    while (this.running < this.options.concurrency && this.waiting.length) {
      const group = this.waiting.splice(0, this.options.maxSize);
      this.running++;
      void applyInBatch(group, (jobs) => this.together(jobs), (job) => this.alone(job)).finally(() => {
        this.running--;
        this.startGroups();
      });
    }
  }

  /** The group's unanswered units in one transaction; a failure of one is a BatchFailure naming it. */
  private async together(jobs: readonly Job[]): Promise<void> {
    if (jobs.every((job) => job.answered)) return;
    let results: unknown[];
    try {
      results = await this.transaction(async (manager) => {
        const done: unknown[] = [];
        for (const [index, job] of jobs.entries()) {
          if (job.answered) continue;
          done[index] = await inContext(job.context, () => job.work(manager)).catch((error: unknown) => {
            throw new BatchFailure(index, error);
          });
        }
        // just before the commit, as alone: callers who stopped waiting get their 504 and nothing stored
        const late = jobs.flatMap((job, index) => (job.answered ? [] : lateness(job, index)));
        for (const { index, error } of late) jobs[index].reject(error);
        if (late.length) throw new BatchFailure(late[0].index, late[0].error);
        return done;
      });
    } catch (error) {
      // no unit's own: those it held may have committed, so they are answered with it and not run again
      if (!(error instanceof BatchFailure)) for (const job of jobs) job.reject(error);
      throw error;
    }
    jobs.forEach((job, index) => job.answered || job.resolve(results[index]));
  }

  private async alone(job: Job): Promise<void> {
    if (job.answered) return;
    try {
      job.resolve(await inContext(job.context, () => this.transaction(withinDeadline(job.work))));
    } catch (error) {
      job.reject(error);
    }
  }
}

/** The 504 of a unit whose caller stopped waiting, if it did. */
function lateness(job: Job, index: number): { index: number; error: unknown }[] {
  try {
    inContext(job.context, assertWithinDeadline);
    return [];
  } catch (error) {
    return [{ index, error }];
  }
}
