import { applySteps, StepItem } from './apply-steps';

const item = (type: string, key: string | null = null): StepItem => ({ type, key });

describe('applySteps', () => {
  it('gathers events of different keys by type, in the order their types first came', () => {
    const steps = applySteps([item('placed', 'A'), item('reserved', 'X'), item('placed', 'B'), item('reserved', 'Y')]);
    expect(steps).toEqual([[0, 2], [1, 3]]);
  });

  it('keeps the order of one key: its second event waits for a step after the first', () => {
    // reserved A must see what placed A wrote; placed B, of another key, goes with placed A
    const steps = applySteps([item('placed', 'A'), item('reserved', 'A'), item('placed', 'B'), item('reserved', 'X'), item('reserved', 'B')]);
    expect(steps).toEqual([[0, 2], [3], [1, 4]]);
  });

  it('applies an event without a key on its own, in its place, closing what was gathered before it', () => {
    const steps = applySteps([item('placed', 'A'), item('placed', 'B'), item('low-stock'), item('placed', 'C'), item('reserved', 'D')]);
    expect(steps).toEqual([[0, 1], [2], [3], [4]]);
    expect(applySteps([item('placed', 'A'), item('placed', 'A'), item('low-stock'), item('placed', 'A')])).toEqual([[0], [1], [2], [3]]);
  });

  it('is one step per event when nothing can be gathered', () => {
    expect(applySteps([item('a'), item('b'), item('a')])).toEqual([[0], [1], [2]]);
    expect(applySteps([item('placed', 'A'), item('placed', 'A'), item('placed', 'A')])).toEqual([[0], [1], [2]]);
  });

  it('covers every index exactly once', () => {
    const types = ['placed', 'reserved', 'canceled'];
    const items = Array.from({ length: 200 }, (_, i) => item(types[(i * 7) % 3], i % 11 === 0 ? null : `order-${(i * 13) % 17}`));
    const steps = applySteps(items);
    expect(steps.flat().sort((a, b) => a - b)).toEqual(items.map((_, i) => i));
    for (const step of steps) {
      expect(new Set(step.map((i) => items[i].type)).size).toBe(1);
      expect(new Set(step.map((i) => items[i].key)).size).toBe(step.length);
    }
    // per key, the arrival order survives
    const position = new Map(steps.flatMap((step, s) => step.map((i) => [i, s] as const)));
    for (let i = 0; i < items.length; i++) {
      for (let j = i + 1; j < items.length; j++) {
        if (items[i].key === items[j].key || items[i].key === null || items[j].key === null) expect(position.get(i)!).toBeLessThan(position.get(j)!);
      }
    }
  });
});
