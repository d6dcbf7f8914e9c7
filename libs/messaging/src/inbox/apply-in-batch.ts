/** A batch that failed: at the item `index`, or (undefined) in something that was no item's own, such as the commit. */
export class BatchFailure extends Error {
  constructor(readonly index: number | undefined, override readonly cause: unknown) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/**
 * Applies items together (`together`: all or nothing); when that fails at one item, the others are
 * applied together again without it, and it `alone`. A second failure, or one that is no item's own,
 * applies them one by one: at most three attempts per item, however many fail.
 */
export async function applyInBatch<T>(
  items: readonly T[],
  together: (items: readonly T[]) => Promise<void>,
  alone: (item: T) => Promise<void>,
  onFailure: (failure: unknown, without: T | undefined) => void = () => undefined,
  firstTry = true,
): Promise<void> {
  if (items.length <= 1) {
    if (items.length) await alone(items[0]);
    return;
  }
  try {
    await together(items);
  } catch (error) {
    const index = firstTry && error instanceof BatchFailure ? error.index : undefined;
    onFailure(error instanceof BatchFailure ? error.cause : error, index === undefined ? undefined : items[index]);
    if (index === undefined) {
      for (const item of items) await alone(item);
      return;
    }
    await applyInBatch(items.filter((_, i) => i !== index), together, alone, onFailure, false);
    await alone(items[index]);
  }
}
