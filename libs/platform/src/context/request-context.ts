import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';

/** What follows a request or a message through every await: log lines and outgoing events read it. */
export interface RequestContext {
  correlationId: string;
  /** Id of the message being handled (becomes the causationId of the events it emits). */
  causationId?: string;
}

const storage = new AsyncLocalStorage<RequestContext>();

export function runInContext<T>(context: RequestContext, work: () => T): T {
  return storage.run(context, work);
}

export function currentContext(): RequestContext | undefined {
  return storage.getStore();
}

/** The correlation id of the current request or message, or a fresh one for work that has none. */
export function currentCorrelationId(): string {
  return storage.getStore()?.correlationId ?? randomUUID();
}
