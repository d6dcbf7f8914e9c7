import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../../apps/gateway/src/auth/password-hash';

export const STAFF = { email: 'ops@shop.test', name: 'Olga Ops', password: 'correct horse battery' };

/** A staff users file with the one account above, for the gateway's STAFF_USERS_FILE. */
export async function staffUsersFile(users = [STAFF]): Promise<string> {
  const file = join(mkdtempSync(join(tmpdir(), 'oms-staff-')), 'staff-users.json');
  await writeStaffUsers(file, users);
  return file;
}

export async function writeStaffUsers(file: string, users: typeof STAFF[]): Promise<void> {
  const entries = await Promise.all(users.map(async (user) => ({ email: user.email, name: user.name, role: 'admin', passwordHash: await hashPassword(user.password) })));
  writeFileSync(file, JSON.stringify({ users: entries }));
}
