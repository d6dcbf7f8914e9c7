/**
 * `work`'s outcome, or the error `timedOut` makes if `ms` pass first. The timer is cleared as soon as the
 * race is decided, so it neither fires late nor keeps the process alive. `work` itself is not stopped.
 */
export function withTimeout<T>(work: Promise<T>, ms: number, timedOut: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(timedOut()), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
