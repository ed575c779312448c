import { ApiError } from '../../shared/api-error.ts';
import type { Store } from '../store/seam/store.ts';
import { ROLES, type Role } from '../../shared/people.ts';
import { hashPassword } from './passwords.ts';

/**
 * People of a team: each signs in with an account of one role. A rep works the lists; a team
 * lead also imports, edits dispositions, scripts and rules, and reads everyone's figures; an
 * admin also manages accounts. The first admin is made from the command line on the server
 * (there is nobody yet to sign in as); after that an admin makes the others.
 */
// The roles are the console's words too (the top bar shows them): declared in shared/.
export { ROLES, type Role } from '../../shared/people.ts';

export interface Account {
  id: number;
  name: string;
  role: Role;
  createdAt: string;
}

export interface AccountRow {
  id: number;
  name: string;
  role: Role;
  password_hash: string;
  created_at: number;
}

export const ACCOUNT_COLUMNS = 'id, name, role, password_hash, created_at';

export function toAccount(row: AccountRow): Account {
  return { id: row.id, name: row.name, role: row.role, createdAt: new Date(row.created_at).toISOString() };
}

/** A name to sign in with: what a person types, so short and plain. Case does not matter. */
export function checkName(name: string): string {
  const trimmed = name.trim();
  if (!/^[\p{L}\p{N}._@-]{1,64}$/u.test(trimmed)) {
    const message = 'An account name is 1 to 64 letters, digits, dots, dashes, underscores or @, without spaces.';
    throw new ApiError('invalid-input', `${message} Nothing was changed.`, [{ path: 'name', message }]);
  }
  return trimmed;
}

function checkRole(role: string): Role {
  if (!ROLES.includes(role as Role)) throw new ApiError('invalid-input', `A role is one of ${ROLES.join(', ')}; "${role}" is not. Nothing was changed.`, [{ path: 'role', message: 'unknown role' }]);
  return role as Role;
}

export async function createAccount(store: Store, now: number, input: { name: string; role: Role; password: string }): Promise<Account> {
  const name = checkName(input.name);
  const role = checkRole(input.role);
  // Hashed before the transaction: a third of a second that holds no lock.
  const hash = await hashPassword(input.password);
  try {
    const row = await store.one<AccountRow>(`INSERT INTO accounts (name, role, password_hash, created_at, password_changed_at) VALUES (?, ?, ?, ?, ?) RETURNING ${ACCOUNT_COLUMNS}`, [
      name,
      role,
      hash,
      now,
      now,
    ]);
    return toAccount(row!);
  } catch (error) {
    if (store.dialect.isUniqueViolation(error)) throw new ApiError('conflict', `There is already an account named ${name}. Nothing was changed.`);
    throw error;
  }
}

/** The team's first admin. Refused once there is one: from then on an admin makes accounts. */
export async function createFirstAdmin(store: Store, now: number, input: { name: string; password: string }): Promise<Account> {
  const name = checkName(input.name);
  const hash = await hashPassword(input.password);
  // Serializable: two of these at once (two terminals) cannot both find no admin.
  const row = await store.transaction(async (tx) => {
    const admin = await tx.one<{ name: string }>("SELECT name FROM accounts WHERE role = 'admin' LIMIT 1");
    if (admin) throw new ApiError('conflict', `This team already has an admin (${admin.name}): an admin makes the other accounts. Nothing was changed.`);
    return tx.one<AccountRow>(`INSERT INTO accounts (name, role, password_hash, created_at, password_changed_at) VALUES (?, 'admin', ?, ?, ?) RETURNING ${ACCOUNT_COLUMNS}`, [name, hash, now, now]);
  });
  return toAccount(row!);
}

/**
 * A new password for an account (the person forgot theirs). Everywhere they were signed in is
 * signed out, and the sign-in attempts counted against the name are forgotten.
 */
export async function resetPassword(store: Store, now: number, input: { name: string; password: string }): Promise<Account> {
  const name = checkName(input.name);
  const hash = await hashPassword(input.password);
  const row = await store.transaction(async (tx) => {
    const account = await tx.one<AccountRow>(`UPDATE accounts SET password_hash = ?, password_changed_at = ? WHERE name = ? RETURNING ${ACCOUNT_COLUMNS}`, [hash, now, name]);
    if (!account) throw new ApiError('not-found', `There is no account named ${name}. Nothing was changed.`);
    await tx.run('DELETE FROM sign_in_sessions WHERE account_id = ?', [account.id]);
    await tx.run('DELETE FROM sign_in_limits WHERE key = ?', [nameLimitKey(account.name)]);
    return account;
  });
  return toAccount(row);
}

export async function listAccounts(store: Store): Promise<Account[]> {
  return (await store.all<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts ORDER BY name`)).map(toAccount);
}

/** The sign-in limit kept per account name (sign-in.ts), case-blind like the name. */
export function nameLimitKey(name: string): string {
  return `name:${name.toLowerCase()}`;
}
