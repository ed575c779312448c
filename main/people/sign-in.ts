import { createHash, randomBytes } from 'node:crypto';
import { ApiError } from '../../shared/api-error.ts';
import { HOUR_MS, MINUTE_MS } from '../../shared/time-units.ts';
import type { Store } from '../store/seam/store.ts';
import { ACCOUNT_COLUMNS, nameLimitKey, toAccount, type Account, type AccountRow } from './accounts.ts';
import { decoyHash, verifyPassword } from './passwords.ts';

/**
 * Signing in, and the sign-in sessions that follow (not to be confused with calling sessions).
 * Everything lives in the database, nothing in process memory: any server process behind a load
 * balancer accepts a token another one issued, and counts the same attempts.
 *
 * - A token is 32 random bytes, given to the browser once; the store keeps its SHA-256, so a copy
 *   of the database signs nobody in.
 * - A sign-in session lasts a working day (12 hours) from sign-in, then the person signs in again.
 * - Attempts are limited per account name (5 in 15 minutes; a successful sign-in forgets them, and
 *   so does a password reset) and per client address (30 in 15 minutes, for a guesser trying many
 *   names). An attempt is counted before its password is checked, in one atomic statement, so many
 *   guesses sent at once to several server processes still get only 5 checks.
 */
export interface SignInRules {
  sessionMs: number;
  windowMs: number;
  attemptsPerName: number;
  attemptsPerAddress: number;
}

export const SIGN_IN_RULES: Readonly<SignInRules> = {
  sessionMs: 12 * HOUR_MS,
  windowMs: 15 * MINUTE_MS,
  attemptsPerName: 5,
  attemptsPerAddress: 30,
};

export interface SignedIn {
  /** Known to the signed-in browser alone: the store keeps its hash. */
  token: string;
  account: Account;
  expiresAt: string;
}

const NO_MATCH = 'That name and password do not match an account.';

export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

interface Limit {
  attempts: number;
  window_started_at: number;
}

/** Counts one attempt against a key, in a window that starts with the first attempt. */
const COUNT_ATTEMPT = `INSERT INTO sign_in_limits (key, window_started_at, attempts) VALUES (?, ?, 1)
  ON CONFLICT (key) DO UPDATE SET
    attempts = CASE WHEN sign_in_limits.window_started_at <= ? THEN 1 ELSE sign_in_limits.attempts + 1 END,
    window_started_at = CASE WHEN sign_in_limits.window_started_at <= ? THEN ? ELSE sign_in_limits.window_started_at END
  RETURNING attempts, window_started_at`;

async function countAttempt(store: Store, key: string, now: number, windowMs: number): Promise<Limit> {
  const expired = now - windowMs;
  return (await store.one<Limit>(COUNT_ATTEMPT, [key, now, expired, expired, now]))!;
}

export async function signIn(
  store: Store,
  now: number,
  input: { name: string; password: string; address: string },
  rules: Readonly<SignInRules> = SIGN_IN_RULES,
): Promise<SignedIn> {
  // Bounded: a name is at most 64 characters (accounts.ts); a longer one still counts, by its start.
  const name = input.name.trim().slice(0, 128);
  const byName = await countAttempt(store, nameLimitKey(name), now, rules.windowMs);
  const byAddress = await countAttempt(store, `address:${input.address}`, now, rules.windowMs);
  const over = [
    byName.attempts > rules.attemptsPerName ? byName : null,
    byAddress.attempts > rules.attemptsPerAddress ? byAddress : null,
  ].filter((limit) => limit !== null);
  if (over.length) {
    const until = Math.max(...over.map((limit) => limit.window_started_at + rules.windowMs));
    const minutes = Math.max(1, Math.ceil((until - now) / MINUTE_MS));
    throw new ApiError('unauthorized', `Too many sign-in attempts: try again in ${minutes} minute${minutes === 1 ? '' : 's'}, or ask an admin to reset the password.`);
  }
  const row = await store.one<AccountRow>(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE name = ?`, [name]);
  // The same work whether or not the name exists.
  const matches = await verifyPassword(input.password, row?.password_hash ?? (await decoyHash()));
  if (!row || !matches) throw new ApiError('unauthorized', NO_MATCH);

  const token = randomBytes(32).toString('base64url');
  const expiresAt = now + rules.sessionMs;
  await store.transaction(async (tx) => {
    await tx.run('DELETE FROM sign_in_limits WHERE key = ?', [nameLimitKey(row.name)]);
    // Sessions and windows that have ended, swept as people sign in (both indexed by time).
    await tx.run('DELETE FROM sign_in_sessions WHERE expires_at <= ?', [now]);
    await tx.run('DELETE FROM sign_in_limits WHERE window_started_at <= ?', [now - rules.windowMs]);
    await tx.run('INSERT INTO sign_in_sessions (token_hash, account_id, created_at, expires_at) VALUES (?, ?, ?, ?)', [tokenHash(token), row.id, now, expiresAt]);
  }, { isolation: 'read committed' });
  return { token, account: toAccount(row), expiresAt: new Date(expiresAt).toISOString() };
}

/** Who a token signs in, or null when it is unknown, signed out or expired. */
export async function signedInAccount(store: Store, now: number, token: string): Promise<Account | null> {
  const row = await store.one<AccountRow>(
    `SELECT a.id, a.name, a.role, a.password_hash, a.created_at FROM sign_in_sessions s JOIN accounts a ON a.id = s.account_id
     WHERE s.token_hash = ? AND s.expires_at > ?`,
    [tokenHash(token), now],
  );
  return row ? toAccount(row) : null;
}

export async function signOut(store: Store, token: string): Promise<void> {
  await store.run('DELETE FROM sign_in_sessions WHERE token_hash = ?', [tokenHash(token)]);
}
