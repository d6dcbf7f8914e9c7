import { applyInBatch, BatchFailure } from './apply-in-batch';

/** A store where a batch is all or nothing and some items always fail. */
function fakeStore(failing: Set<string>, commitFails = false) {
  const applied: string[] = [];
  const transactions: string[][] = [];
  const together = async (items: readonly string[]) => {
    transactions.push([...items]);
    const index = items.findIndex((item) => failing.has(item));
    if (index >= 0) throw new BatchFailure(index, new Error(`${items[index]} failed`));
    if (commitFails) throw new Error('commit failed');
    applied.push(...items);
  };
  const alone = async (item: string) => {
    transactions.push([item]);
    if (!failing.has(item) && !commitFails) applied.push(item);
  };
  return { applied, transactions, together, alone };
}

describe('applyInBatch', () => {
  it('applies the items in one transaction when none fails', async () => {
    const store = fakeStore(new Set());
    await applyInBatch(['a', 'b', 'c'], store.together, store.alone);
    expect(store.transactions).toEqual([['a', 'b', 'c']]);
    expect(store.applied).toEqual(['a', 'b', 'c']);
  });

  it('applies the others again together without the item that failed, then that one alone', async () => {
    const store = fakeStore(new Set(['b']));
    const failures: unknown[] = [];
    await applyInBatch(['a', 'b', 'c', 'd'], store.together, store.alone, (failure, without) => failures.push([String(failure), without]));
    expect(store.transactions).toEqual([['a', 'b', 'c', 'd'], ['a', 'c', 'd'], ['b']]);
    expect(store.applied).toEqual(['a', 'c', 'd']);
    expect(failures).toEqual([['Error: b failed', 'b']]);
  });

  it('goes one by one after a second failure: at most three attempts per item', async () => {
    const store = fakeStore(new Set(['a', 'c', 'e']));
    await applyInBatch(['a', 'b', 'c', 'd', 'e'], store.together, store.alone);
    expect(store.transactions).toEqual([['a', 'b', 'c', 'd', 'e'], ['b', 'c', 'd', 'e'], ['b'], ['c'], ['d'], ['e'], ['a']]);
    expect(store.applied.sort()).toEqual(['b', 'd']);
  });

  it('goes one by one when the failure is no item’s own', async () => {
    const store = fakeStore(new Set(), true);
    await applyInBatch(['a', 'b'], store.together, store.alone);
    expect(store.transactions).toEqual([['a', 'b'], ['a'], ['b']]);
  });

  it('applies a single item, or none, on its own', async () => {
    const store = fakeStore(new Set());
    await applyInBatch(['a'], store.together, store.alone);
    await applyInBatch([], store.together, store.alone);
    expect(store.transactions).toEqual([['a']]);
  });
});
