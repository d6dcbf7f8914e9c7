// npm run dlq -- list [--status dead|replayed|discarded] | replay <id> | discard <id>
// The dead letters of every service, through the gateway (GATEWAY_URL, default http://localhost:3000),
// with an admin token signed like `npm run token` does (JWT_SECRET, default the development secret).
import jwt from 'jsonwebtoken';
import { parseArgs } from 'node:util';
import { DEVELOPMENT } from './lib/workspace.mjs';

const { positionals, values } = parseArgs({ allowPositionals: true, options: { status: { type: 'string' } } });
const [command, id] = positionals;
const base = (process.env.GATEWAY_URL ?? 'http://localhost:3000').replace(/\/+$/, '');
const token = jwt.sign({ role: 'admin' }, process.env.JWT_SECRET ?? DEVELOPMENT.JWT_SECRET, { subject: 'dlq-cli', expiresIn: '5m' });

async function call(method, path) {
  const response = await fetch(`${base}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${body?.detail ?? ''}`);
  return body;
}

try {
  if (command === 'list') {
    const { items, unavailable } = await call('GET', `/api/ops/dead-letters${values.status ? `?status=${values.status}` : ''}`);
    for (const d of items) console.log(`${d.id}  ${d.firstSeen}  ${d.service}  ${d.routingKey}  ×${d.attempts}  ${d.status}  ${d.reason}`);
    console.log(`${items.length} dead letter(s)${unavailable.length ? `; not answering: ${unavailable.join(', ')}` : ''}`);
  } else if ((command === 'replay' || command === 'discard') && id) {
    const d = await call('POST', `/api/ops/dead-letters/${encodeURIComponent(id)}/${command}`);
    console.log(`${d.id} ${d.status} (${d.service}, ${d.routingKey})`);
  } else {
    console.error('usage: npm run dlq -- list [--status dead|replayed|discarded] | replay <id> | discard <id>');
    process.exit(2);
  }
} catch (error) {
  console.error(`[oms] ${error.message}`);
  process.exit(1);
}
