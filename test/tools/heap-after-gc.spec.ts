import { ChildProcess, spawn } from 'node:child_process';
import { resolve } from 'node:path';

const heapModule = resolve(__dirname, '../../tools/lib/heap-after-gc.mjs');
const MiB = 1024 * 1024;

/** A node process with an inspector on a free loopback port that keeps `keptMiB` and leaves `garbageMiB` to be collected. */
async function processWithHeap(keptMiB: number, garbageMiB: number): Promise<{ child: ChildProcess; port: number }> {
  const script = `
    // n MiB of doubles (8 bytes each), in arrays of 1 MiB
    const chunk = (n) => Array.from({ length: n }, () => new Array(131072).fill(0.5));
    globalThis.kept = chunk(${keptMiB});
    globalThis.garbage = chunk(${garbageMiB});
    globalThis.garbage = null;
    console.log('allocated');
    setInterval(() => {}, 1000);`;
  const child = spawn(process.execPath, ['--inspect=127.0.0.1:0', '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  const port = new Promise<number>((done) => child.stderr!.on('data', (data) => {
    stderr += data;
    const listening = stderr.match(/ws:\/\/127\.0\.0\.1:(\d+)\//);
    if (listening) done(Number(listening[1]));
  }));
  // read once the allocations are done: the inspector would otherwise answer in the middle of them
  await new Promise<void>((done, fail) => {
    child.stdout!.on('data', (data) => String(data).includes('allocated') && done());
    child.once('exit', (code) => fail(new Error(`exited with ${code}: ${stderr}`)));
  });
  return { child, port: await port };
}

/** Runs heapAfterGc in a process of its own (it is an ES module); answers its result in bytes. */
async function heapOf(port: number): Promise<number> {
  const script = `import { heapAfterGc } from ${JSON.stringify(heapModule)}; console.log(await heapAfterGc(${port}));`;
  const probe = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  probe.stdout.on('data', (data) => (output += data));
  await new Promise((done) => probe.once('exit', done));
  return Number(output);
}

describe('the bench heap reading', () => {
  const children: ChildProcess[] = [];
  afterAll(() => children.forEach((child) => child.kill()));

  it('reads the heap a process keeps after a full collection, which leaves out the garbage it has not collected yet', async () => {
    // the same allocations, kept or not: a reading that counted uncollected garbage would see them both large
    const keeping = await processWithHeap(60, 60);
    const dropping = await processWithHeap(0, 120);
    children.push(keeping.child, dropping.child);
    const [kept, dropped] = [await heapOf(keeping.port), await heapOf(dropping.port)];
    expect(kept).toBeGreaterThan(60 * MiB);
    expect(kept).toBeLessThan(110 * MiB);
    expect(dropped).toBeLessThan(20 * MiB);
  }, 60_000);
});
