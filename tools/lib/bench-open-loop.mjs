// The open loop of `npm run bench -- --rate N`: requests arrive at a fixed rate, one every 1/N s, whether
// or not earlier ones were answered (autocannon's overallRate is not that: each connection sends its share
// at the start of every second, a burst of up to `connections` requests at once). A request's latency is
// counted from the moment it was due, so a stalled server shows as latency rather than as fewer requests.
import http from 'node:http';

/** How often due requests are sent: finer than a request's expected latency, coarse enough to be cheap. */
const TICK_MS = 2;

const percentile = (sorted, p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] : 0);

/**
 * Sends `rate` requests per second for `duration` seconds (at most `maxInFlight` unanswered: past that, a
 * due request is counted as not sent, and the run is not an open loop any more), then waits for the
 * answers. Answers autocannon's fields that the bench reads.
 */
export async function openLoop({ url, method, path, headers, body, rate, duration, maxInFlight = 2000 }) {
  const target = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: maxInFlight });
  const latencies = [];
  const counts = { '2xx': 0, non2xx: 0, errors: 0, notSent: 0 };
  /** The requests not answered yet. */
  const inFlight = new Set();

  const send = (dueAt) => {
    if (inFlight.size >= maxInFlight) {
      counts.notSent++;
      return;
    }
    const payload = body();
    const done = new Promise((resolve) => {
      const request = http.request({
        host: target.hostname, port: target.port, method, path, agent,
        headers: { ...headers, 'content-length': Buffer.byteLength(payload) },
      }, (response) => {
        response.resume();
        response.on('end', () => {
          latencies.push(performance.now() - dueAt);
          counts[response.statusCode >= 200 && response.statusCode < 300 ? '2xx' : 'non2xx']++;
          resolve();
        });
      });
      request.on('error', () => {
        counts.errors++;
        resolve();
      });
      request.end(payload);
    });
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
  };

  const start = performance.now();
  const total = Math.round(rate * duration);
  let sent = 0;
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const now = performance.now();
      while (sent < total && start + (sent * 1000) / rate <= now) send(start + (sent++ * 1000) / rate);
      if (sent === total) {
        clearInterval(timer);
        resolve();
      }
    }, TICK_MS);
  });
  await Promise.all([...inFlight]);
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    ...counts,
    timeouts: 0,
    latency: { p50: Math.round(percentile(latencies, 50)), p99: Math.round(percentile(latencies, 99)) },
  };
}
