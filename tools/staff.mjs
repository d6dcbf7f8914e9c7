// Staff accounts of the back office (STAFF_USERS_FILE, default .oms/staff-users.json):
//   npm run staff -- add --email ann@shop.example --name "Ann" [--password …]   (a password is generated when absent)
//   npm run staff -- remove --email ann@shop.example
//   npm run staff -- list
// The gateway reads the file again when it changes: no restart needed.
import { parseArgs } from 'node:util';
import { generatePassword, putStaffUser, readStaffUsers, removeStaffUser, staffUsersFile } from './lib/staff-users.mjs';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { build, root } from './lib/workspace.mjs';

const { positionals: [command], values } = parseArgs({
  allowPositionals: true,
  options: { email: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
});
const file = staffUsersFile();
const fail = (message) => {
  console.error(message);
  process.exit(2);
};

if (command === 'list') {
  for (const user of readStaffUsers(file)) console.log(`${user.email}\t${user.role}\t${user.name}`);
} else if (command === 'add') {
  if (!values.email?.includes('@')) fail('--email must be an email address');
  if (!existsSync(join(root, 'dist/apps/gateway/src/auth/password-hash.js'))) build();
  const password = values.password ?? generatePassword();
  await putStaffUser(file, { email: values.email, name: values.name ?? values.email, password });
  console.log(`${values.email} can sign in${values.password ? '' : ` with password ${password}`} (${file})`);
} else if (command === 'remove') {
  if (!values.email) fail('--email is required');
  console.log(removeStaffUser(file, values.email) ? `${values.email} removed` : `${values.email} had no account`);
} else {
  fail('usage: npm run staff -- add --email E [--name N] [--password P] | remove --email E | list');
}
