import type { Writable } from 'node:stream';

/**
 * What is written to `stream` in one turn of the event loop leaves in one system call (a writev) instead
 * of one per write. amqplib writes every frame to its socket on its own (each publish, each ack), so a
 * batch of acks or an outbox batch cost a system call per message, on this side and on the broker's.
 */
export function coalesceWrites(stream: Writable): void {
  const write = stream.write.bind(stream);
  let corked = false;
  const flush = () => {
    corked = false;
    stream.uncork();
  };
  stream.write = ((...args: Parameters<Writable['write']>) => {
    if (!corked) {
      corked = true;
      stream.cork();
      process.nextTick(flush);
    }
    return write(...args);
  }) as Writable['write'];
}
