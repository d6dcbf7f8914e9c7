import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import { ProblemCodes } from '@oms/contracts';
import { AppError } from '../errors/app-error';

/** What follows a request or a message through every await: log lines and outgoing events read it. */
export interface RequestContext {
  correlationId: string;
  /** Id of the message being handled (becomes the causationId of the events it emits). */
  causationId?: string;
  /** When the caller of an RPC stops waiting (epoch ms). */
  deadline?: number;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runInContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/**
 * Throws when the current RPC's caller has stopped waiting: called just before a commit, so work that
 * outlived its deadline (the caller got a 504) changes nothing, instead of succeeding unseen.
 */
export function assertWithinDeadline(): void {
  const deadline = storage.getStore()?.deadline;
  if (deadline !== undefined && Date.now() > deadline) {
    throw new AppError(504, ProblemCodes.ServiceTimeout, 'The request took longer than its deadline and was rolled back; nothing was changed. Retry it.');
  }
}

/** The correlation id of the current request or message, or a fresh one for work that has none. */
export function currentCorrelationId(): string {
  return storage.getStore()?.correlationId ?? randomUUID();
}
