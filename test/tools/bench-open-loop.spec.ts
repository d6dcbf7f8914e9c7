import { spawn } from 'node:child_process';
import { once } from 'node:events';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import { resolve } from 'node:path';

const openLoopModule = resolve(__dirname, '../../tools/lib/bench-open-loop.mjs');

/** Runs the bench's open loop in a process of its own against `port`; answers what it reports. */
async function runOpenLoop(port: number, rate: number, duration: number) {
  const script = `import { openLoop } from ${JSON.stringify(openLoopModule)};
    const result = await openLoop({ url: 'http://127.0.0.1:${port}', method: 'POST', path: '/orders', headers: {}, body: () => '{}', rate: ${rate}, duration: ${duration} });
    console.log(JSON.stringify(result));`;
  const child = spawn(process.execPath, ['--input-type=module', '-e', script], { stdio: ['ignore', 'pipe', 'inherit'] });
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  await once(child, 'exit');
  return JSON.parse(output);
}

describe('the bench open loop', () => {
  let server: http.Server;
  const arrivals: number[] = [];

  beforeAll(async () => {
    // a slow server: each answer takes 200 ms, far longer than the 10 ms between arrivals
    server = http.createServer((request, response) => {
      arrivals.push(performance.now());
      request.resume();
      setTimeout(() => response.writeHead(201).end('{}'), 200);
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
  });
  afterAll(() => new Promise((done) => server.close(done)));

  it('sends at the rate whether or not earlier requests were answered, and counts latency from when each was due', async () => {
    const result = await runOpenLoop((server.address() as AddressInfo).port, 100, 1);
    expect(result).toMatchObject({ '2xx': 100, non2xx: 0, errors: 0, notSent: 0 });
    // evenly spaced: a closed loop would have waited 200 ms for each answer before sending again
    const gaps = arrivals.slice(1).map((at, i) => at - arrivals[i]);
    expect(Math.max(...gaps)).toBeLessThan(150);
    expect(arrivals.at(-1)! - arrivals[0]).toBeGreaterThan(900);
    expect(result.latency.p50).toBeGreaterThanOrEqual(200);
    expect(result.latency.p99).toBeLessThan(1_000);
  }, 20_000);
});
