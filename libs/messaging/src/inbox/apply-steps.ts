/** An event of a batch as the steps see it: `key` is what its handler writes, null when it only applies one at a time. */
export interface StepItem {
  type: string;
  key: string | null;
}

/**
 * The steps that apply a batch of events (given in arrival order), each a list of indices into it.
 * Between the events whose handlers apply one at a time (each a step of its own, in its place), the
 * events of handlers that apply many at once are put in waves: an event goes one wave after the last
 * one its key was in. Each wave is a step per type. So the events of one key keep their order, nothing
 * moves across an event applied on its own, and only events of different keys, which touch different
 * rows, are regrouped.
 */
export function applySteps(items: readonly StepItem[]): number[][] {
  const steps: number[][] = [];
  let waves: Map<string, number[]>[] = [];
  let waveOfKey = new Map<string, number>();
  const close = () => {
    for (const wave of waves) steps.push(...wave.values());
    waves = [];
    waveOfKey = new Map();
  };
  items.forEach(({ type, key }, index) => {
    if (key === null) {
      close();
      steps.push([index]);
      return;
    }
    const w = (waveOfKey.get(key) ?? -1) + 1;
    waveOfKey.set(key, w);
    const wave = (waves[w] ??= new Map());
    const step = wave.get(type);
    if (step) step.push(index);
    else wave.set(type, [index]);
  });
  close();
  return steps;
}
