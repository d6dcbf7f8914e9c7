// Where each app spent its CPU in a bench run: the `--cpu-prof` files of a directory summarised as the
// share of busy time per package (node_modules/<name>, our own code, Node and V8 internals) and the top
// functions by self time. Idle time is left out, so the shares add up to what the app did.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const IDLE = new Set(['(idle)', '(program)']);

/** The package, our module or the runtime part a frame belongs to. */
function placeOf({ url, functionName }) {
  if (!url) return functionName === '(garbage collector)' ? 'gc' : 'native';
  const pkg = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1];
  if (url.startsWith('node:')) return `node:${url.slice(5).split('/')[0]}`;
  const own = url.match(/dist\/(?:apps|libs)\/([^/]+)/);
  return own ? `oms/${own[1]}` : url;
}

/** The app that wrote a profile: the one of ours whose modules it ran. */
function appOf(nodes) {
  for (const { callFrame } of nodes) {
    const app = callFrame.url.match(/dist\/apps\/([^/]+)\/src\/main\.js/);
    if (app) return app[1];
  }
  return 'unknown';
}

const top = (map, total, n) => [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([name, us]) => `${(us * 100 / total).toFixed(1)}% ${name}`);

/** One summary per profile the processes `pids` wrote in `dir`: busy CPU seconds, shares per place, top functions. */
export function summariseProfiles(dir, pids, topN = 12) {
  // Node names them CPU.<date>.<time>.<pid>.<thread>.<sequence>.cpuprofile
  const ofRun = (file) => file.endsWith('.cpuprofile') && pids.includes(Number(file.split('.')[3]));
  return readdirSync(dir).filter(ofRun).map((file) => {
    const { nodes, samples, timeDeltas } = JSON.parse(readFileSync(join(dir, file), 'utf8'));
    const byId = new Map(nodes.map((node) => [node.id, node]));
    const selfUs = new Map();
    samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (timeDeltas[i] ?? 0)));
    const places = new Map();
    const functions = new Map();
    let busy = 0;
    for (const [id, us] of selfUs) {
      const { callFrame } = byId.get(id);
      if (IDLE.has(callFrame.functionName)) continue;
      busy += us;
      const place = placeOf(callFrame);
      places.set(place, (places.get(place) ?? 0) + us);
      const name = `${callFrame.functionName || '(anonymous)'} ${place}${callFrame.url ? `:${callFrame.lineNumber + 1}` : ''}`;
      functions.set(name, (functions.get(name) ?? 0) + us);
    }
    return { app: appOf(nodes), busyCpuSeconds: Math.round(busy / 1e4) / 100, places: top(places, busy, topN), functions: top(functions, busy, topN) };
  });
}
