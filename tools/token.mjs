// Mints a bearer token for the gateway: npm run token -- --role admin [--sub alice] [--expires 12h]
// Uses JWT_SECRET from the environment, or the gateway's development default.
import jwt from 'jsonwebtoken';
import { parseArgs } from 'node:util';
import { DEVELOPMENT } from './lib/workspace.mjs';

const { values } = parseArgs({
  options: {
    role: { type: 'string', default: 'admin' },
    sub: { type: 'string' },
    expires: { type: 'string', default: '12h' },
  },
});
if (!['admin', 'checkout', 'customer'].includes(values.role)) {
  console.error('--role must be admin, checkout or customer');
  process.exit(2);
}
const secret = process.env.JWT_SECRET ?? DEVELOPMENT.JWT_SECRET;
const sub = values.sub ?? { admin: 'admin', checkout: 'storefront', customer: 'customer-1' }[values.role];
console.log(jwt.sign({ role: values.role }, secret, { algorithm: 'HS256', subject: sub, expiresIn: values.expires }));
