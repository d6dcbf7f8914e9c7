// The staff accounts file the gateway reads (STAFF_USERS_FILE): { "users": [{ email, name, role, passwordHash }] }.
// Hashes come from the gateway's own code (built into dist/), so the tool and the sign-in cannot disagree.
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { root } from './workspace.mjs';

export const staffUsersFile = (env = process.env) => resolve(root, env.STAFF_USERS_FILE ?? '.oms/staff-users.json');

const passwordHash = () => createRequire(import.meta.url)(join(root, 'dist/apps/gateway/src/auth/password-hash.js'));

export const readStaffUsers = (file) => (existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).users : []);

/** Written to a temporary file and renamed, so the gateway never reads half a file; readable by its owner only. */
function writeStaffUsers(file, users) {
  mkdirSync(dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, `${JSON.stringify({ users }, null, 2)}\n`, { mode: 0o600 });
  renameSync(temporary, file);
}

export const generatePassword = () => randomBytes(12).toString('base64url');

/** Adds the account, or replaces the one with the same email. */
export async function putStaffUser(file, { email, name, role = 'admin', password }) {
  const hash = await passwordHash().hashPassword(password);
  const users = readStaffUsers(file).filter((user) => user.email.toLowerCase() !== email.toLowerCase());
  writeStaffUsers(file, [...users, { email: email.toLowerCase(), name, role, passwordHash: hash }]);
}

export function removeStaffUser(file, email) {
  const users = readStaffUsers(file);
  const kept = users.filter((user) => user.email.toLowerCase() !== email.toLowerCase());
  writeStaffUsers(file, kept);
  return users.length - kept.length;
}

/**
 * On a fresh machine: the first admin, from STAFF_ADMIN_EMAIL / STAFF_ADMIN_PASSWORD or with a generated
 * password, which is printed this once (only its hash is kept).
 */
export async function ensureFirstAdmin(log, env = process.env) {
  const file = staffUsersFile(env);
  if (readStaffUsers(file).length) return;
  const email = env.STAFF_ADMIN_EMAIL ?? 'admin@example.com';
  const password = env.STAFF_ADMIN_PASSWORD ?? generatePassword();
  await putStaffUser(file, { email, name: 'Administrator', password });
  log(`created the first staff account in ${file}: ${email}` + (env.STAFF_ADMIN_PASSWORD ? ' (password from STAFF_ADMIN_PASSWORD)' : ` with password ${password}  (shown once; npm run staff -- add changes it)`));
}
