import { parseStaffUsers } from './staff-directory';

const HASH = `scrypt$32768$8$1$${Buffer.from('salt').toString('base64')}$${Buffer.from('key').toString('base64')}`;

describe('parseStaffUsers', () => {
  it('reads the accounts, with emails in lower case', () => {
    expect(parseStaffUsers(JSON.stringify({ users: [{ email: 'Ann@Shop.Test', name: 'Ann', role: 'admin', passwordHash: HASH }] }), 'f'))
      .toEqual([{ email: 'ann@shop.test', name: 'Ann', role: 'admin', passwordHash: HASH }]);
  });

  it('names every wrong field of every entry', () => {
    const text = JSON.stringify({ users: [{ email: 'ann@shop.test', name: 'Ann', role: 'admin', passwordHash: HASH }, { email: 'nope', name: '', role: 'root', passwordHash: HASH }] });
    expect(() => parseStaffUsers(text, 'staff.json')).toThrow(/^staff\.json is not a staff users file .*users\[1\]\.email: .*users\[1\]\.name: .*users\[1\]\.role: /);
  });

  it('refuses text that is not JSON, and a password that is not a scrypt hash', () => {
    expect(() => parseStaffUsers('{', 'staff.json')).toThrow(/staff\.json is not JSON/);
    expect(() => parseStaffUsers(JSON.stringify({ users: [{ email: 'a@b.co', name: 'A', role: 'admin', passwordHash: 'hunter2' }] }), 'f'))
      .toThrow('f: the passwordHash of a@b.co is not a scrypt hash');
  });
});
