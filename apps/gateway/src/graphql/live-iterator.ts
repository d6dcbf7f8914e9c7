import { Observable, Subscription } from 'rxjs';

/**
 * A subscription's messages from a stream of changes: after each burst of changes, one message made of
 * them by `deliver` (changes that arrive while a message is being made go into the next one, so a busy
 * shop does not queue a reload per event). Ends when the stream ends or the client unsubscribes; at most
 * `maxBatch` changes are kept between two messages (the newest).
 */
export function batchesOf<TChange, TMessage>(changes: Observable<TChange>, deliver: (batch: TChange[]) => Promise<TMessage>, maxBatch = 500): AsyncIterableIterator<TMessage> {
  let batch: TChange[] = [];
  let finished = false;
  let wake: (() => void) | undefined;
  let subscription: Subscription | undefined = undefined;
  const finish = () => {
    finished = true;
    subscription?.unsubscribe();
    wake?.();
  };
  subscription = changes.subscribe({
    next: (change) => {
      batch.push(change);
      if (batch.length > maxBatch) batch.shift();
      wake?.();
    },
    complete: finish,
    error: finish,
  });
  if (finished) subscription.unsubscribe();
  const iterator: AsyncIterableIterator<TMessage> = {
    async next() {
      while (!batch.length && !finished) await new Promise<void>((resolve) => (wake = resolve));
      if (finished) return { done: true, value: undefined };
      const taken = batch;
      batch = [];
      return { done: false, value: await deliver(taken) };
    },
    async return() {
      finish();
      return { done: true, value: undefined };
    },
    [Symbol.asyncIterator]: () => iterator,
  };
  return iterator;
}
