import { Writable } from 'node:stream';
import { coalesceWrites } from './coalesce-writes';

/** A stream that records how its writes reach the "socket": one entry per system call it would make. */
function recordingStream(highWaterMark = 1024) {
  const calls: string[][] = [];
  const stream = new Writable({
    highWaterMark,
    write(chunk: Buffer, _encoding, done) {
      calls.push([chunk.toString()]);
      done();
    },
    writev(chunks, done) {
      calls.push(chunks.map(({ chunk }) => (chunk as Buffer).toString()));
      done();
    },
  });
  return { stream, calls };
}

const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('coalesceWrites', () => {
  it('sends what is written in one turn in one call, and each turn on its own', async () => {
    const { stream, calls } = recordingStream();
    coalesceWrites(stream);
    stream.write('a');
    stream.write('b');
    await Promise.resolve();
    stream.write('c'); // a microtask of the same turn
    expect(calls).toEqual([]);
    await nextTurn();
    stream.write('d');
    await nextTurn();
    expect(calls).toEqual([['a', 'b', 'c'], ['d']]);
  });

  it('keeps backpressure: a write past the high-water mark says so, and drain follows the flush', async () => {
    const { stream, calls } = recordingStream(4);
    coalesceWrites(stream);
    expect(stream.write('ab')).toBe(true);
    expect(stream.write('cdef')).toBe(false);
    const drained = new Promise((resolve) => stream.once('drain', resolve));
    await drained;
    expect(calls).toEqual([['ab', 'cdef']]);
  });
});
