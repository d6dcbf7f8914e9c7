import type { Logger } from 'pino';

/** Runs `main`, logging a start-up failure (bad config, unreachable database) and exiting non-zero. */
export function runMain(logger: Logger, main: () => Promise<unknown>): void {
  Promise.resolve()
    .then(main)
    .catch((error) => {
      logger.fatal({ err: error }, `failed to start: ${(error as Error).message}`);
      process.exit(1);
    });
}
