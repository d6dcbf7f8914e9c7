import { Subject } from 'rxjs';
import { batchesOf } from './live-iterator';

describe('batchesOf', () => {
  it('delivers each burst of changes as one message, the changes that came while delivering in the next', async () => {
    const changes = new Subject<number>();
    const delivered: number[][] = [];
    let release!: () => void;
    const iterator = batchesOf(changes, async (batch) => {
      delivered.push(batch);
      if (delivered.length === 1) await new Promise<void>((resolve) => (release = resolve));
      return batch.length;
    });
    const first = iterator.next();
    changes.next(1);
    await new Promise(setImmediate);
    changes.next(2);
    changes.next(3);
    release();
    expect(await first).toEqual({ done: false, value: 1 });
    expect(await iterator.next()).toEqual({ done: false, value: 2 });
    expect(delivered).toEqual([[1], [2, 3]]);
  });

  it('ends at once when the client unsubscribes while waiting, and lets go of the stream', async () => {
    const changes = new Subject<number>();
    const iterator = batchesOf(changes, async (batch) => batch);
    const waiting = iterator.next();
    await iterator.return!();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(changes.observed).toBe(false);
  });

  it('ends when the stream ends (the gateway stops), and keeps only the newest changes beyond its limit', async () => {
    const changes = new Subject<number>();
    const iterator = batchesOf(changes, async (batch) => batch, 2);
    [1, 2, 3].forEach((n) => changes.next(n));
    expect(await iterator.next()).toEqual({ done: false, value: [2, 3] });
    changes.complete();
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
  });
});
