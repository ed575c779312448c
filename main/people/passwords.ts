import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { ApiError } from '../../shared/api-error.ts';

/**
 * Passwords are kept as scrypt's output (node:crypto), a memory-hard function: guessing costs an
 * attacker who copied the database the same 128 MiB and a third of a second per guess as it costs
 * us per sign-in. The parameters are OWASP's recommendation for scrypt (N = 2^17, r = 8, p = 1),
 * with a 16-byte random salt per password and a 64-byte key. They are written into each stored
 * hash, so raising them later leaves every existing password working.
 */
export const SCRYPT_PARAMETERS = { N: 2 ** 17, r: 8, p: 1, saltBytes: 16, keyBytes: 64 } as const;

/** 128 * N * r bytes is what scrypt needs; node refuses above maxmem (32 MiB by default). */
const maxmem = (N: number, r: number) => 2 * 128 * N * r;

export const PASSWORD_LENGTH = { min: 12, max: 256 } as const;

/** A sentence saying what is wrong with a new password, or null when it will do. */
export function passwordProblem(password: string): string | null {
  if (password.length < PASSWORD_LENGTH.min) return `A password needs at least ${PASSWORD_LENGTH.min} characters; a phrase of a few words is easiest to remember.`;
  if (password.length > PASSWORD_LENGTH.max) return `A password has at most ${PASSWORD_LENGTH.max} characters.`;
  return null;
}

function derive(password: string, salt: Buffer, N: number, r: number, p: number, keyBytes: number): Promise<Buffer> {
  const options: ScryptOptions = { N, r, p, maxmem: maxmem(N, r) };
  return new Promise((resolve, reject) => scrypt(password.normalize('NFC'), salt, keyBytes, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/** `scrypt$N$r$p$salt$key`, salt and key in base64. Refuses a password that breaks the rules. */
export async function hashPassword(password: string): Promise<string> {
  const problem = passwordProblem(password);
  if (problem) throw new ApiError('invalid-input', `${problem} Nothing was changed.`, [{ path: 'password', message: problem }]);
  const { N, r, p, saltBytes, keyBytes } = SCRYPT_PARAMETERS;
  const salt = randomBytes(saltBytes);
  const key = await derive(password, salt, N, r, p, keyBytes);
  return ['scrypt', N, r, p, salt.toString('base64'), key.toString('base64')].join('$');
}

/** Whether the password is the one hashed; the comparison takes the same time wherever they differ. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, N, r, p, salt, key] = stored.split('$');
  if (scheme !== 'scrypt' || !salt || !key) return false;
  const expected = Buffer.from(key, 'base64');
  const actual = await derive(password, Buffer.from(salt, 'base64'), Number(N), Number(r), Number(p), expected.length);
  return timingSafeEqual(actual, expected);
}

let decoy: Promise<string> | null = null;
/**
 * A hash no password matches, checked when the name is unknown: a sign-in with a wrong name then
 * takes as long as one with a wrong password, so timing does not tell which names exist.
 */
export function decoyHash(): Promise<string> {
  return (decoy ??= hashPassword(randomBytes(32).toString('base64')));
}
