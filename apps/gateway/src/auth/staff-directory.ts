import { readFile, stat } from 'node:fs/promises';
import { IsArray, IsEmail, IsIn, IsString, MinLength, ValidateNested, validateSync } from 'class-validator';
import { plainToInstance, Type } from 'class-transformer';
import { flattenValidationErrors, StaffUserView } from '@oms/contracts';
import { isPasswordHash } from './password-hash';

class StaffUserEntry {
  @IsEmail() email: string;
  @IsString() @MinLength(1) name: string;
  @IsIn(['admin']) role: 'admin';
  @IsString() passwordHash: string;
}

class StaffUsersFile {
  @IsArray() @ValidateNested({ each: true }) @Type(() => StaffUserEntry) users: StaffUserEntry[];
}

export type StaffUser = StaffUserView & { passwordHash: string };

/** Reads the file's text into accounts, or says which entry is wrong. */
export function parseStaffUsers(text: string, source: string): StaffUser[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${source} is not JSON: ${(error as Error).message}`);
  }
  const file = plainToInstance(StaffUsersFile, json);
  const errors = flattenValidationErrors(validateSync(file));
  if (errors.length) {
    const problems = errors.map((error) => `${error.field}: ${error.message}`).join('; ');
    throw new Error(`${source} is not a staff users file ({ "users": [{ email, name, role, passwordHash }] }): ${problems}`);
  }
  const bad = file.users.find((user) => !isPasswordHash(user.passwordHash));
  if (bad) throw new Error(`${source}: the passwordHash of ${bad.email} is not a scrypt hash (make one with npm run staff -- add)`);
  return file.users.map((user) => ({ email: user.email.toLowerCase(), name: user.name, role: user.role, passwordHash: user.passwordHash }));
}

/**
 * The staff accounts the operator keeps in a file (the gateway has no database). The file is read again
 * when it changes, so accounts are added or removed without a restart; a missing file means no accounts.
 */
export class StaffDirectory {
  private cache: { mtimeMs: number; users: Map<string, StaffUser> } | null = null;

  constructor(private readonly path: string) {}

  async find(email: string): Promise<StaffUser | undefined> {
    return (await this.users()).get(email.toLowerCase());
  }

  private async users(): Promise<Map<string, StaffUser>> {
    const info = await stat(this.path).catch(() => null);
    if (!info) return new Map();
    if (this.cache?.mtimeMs !== info.mtimeMs) {
      const users = parseStaffUsers(await readFile(this.path, 'utf8'), this.path);
      this.cache = { mtimeMs: info.mtimeMs, users: new Map(users.map((user) => [user.email, user])) };
    }
    return this.cache.users;
  }
}
