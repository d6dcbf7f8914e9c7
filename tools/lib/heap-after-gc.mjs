// The JavaScript heap a process keeps after a full garbage collection, asked over its inspector (the
// process runs with --inspect on a loopback port): unlike heapUsed read at any moment, it does not
// count garbage not yet collected, so two readings compare what the process retained.
import WebSocket from 'ws';

/** Heap used after a full collection (bytes), of the process whose inspector listens on `port`. */
export async function heapAfterGc(port, timeoutMs = 30_000) {
  const [target] = await fetch(`http://127.0.0.1:${port}/json/list`).then((r) => r.json());
  const socket = new WebSocket(target.webSocketDebuggerUrl);
  const pending = new Map();
  let nextId = 1;
  const call = (method, params = {}) => new Promise((resolve, reject) => {
    const id = nextId++;
    pending.set(id, { resolve, reject });
    socket.send(JSON.stringify({ id, method, params }));
  });
  socket.on('message', (data) => {
    const { id, result, error } = JSON.parse(String(data));
    const waiting = pending.get(id);
    pending.delete(id);
    if (error) waiting?.reject(new Error(`${error.message} (inspector on port ${port})`));
    else waiting?.resolve(result);
  });
  const closed = new Promise((_, reject) => socket.once('close', () => reject(new Error(`the inspector on port ${port} closed before it answered`))));
  closed.catch(() => undefined);
  const timer = setTimeout(() => socket.terminate(), timeoutMs);
  try {
    await Promise.race([new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject)), closed]);
    await Promise.race([call('HeapProfiler.collectGarbage'), closed]);
    const { result } = await Promise.race([call('Runtime.evaluate', { expression: 'process.memoryUsage().heapUsed', returnByValue: true }), closed]);
    return result.value;
  } finally {
    clearTimeout(timer);
    socket.close();
  }
}
