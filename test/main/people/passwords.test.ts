import { describe, expect, it } from 'vitest';
import { decoyHash, hashPassword, passwordProblem, SCRYPT_PARAMETERS, verifyPassword } from '../../../main/people/passwords.ts';

describe('a password at rest', () => {
  it('is scrypt output with its parameters and its own salt, never the password', async () => {
    const a = await hashPassword('correct horse battery');
    const b = await hashPassword('correct horse battery');
    expect(a).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]{24}\$[A-Za-z0-9+/=]{88}$/);
    expect(a).not.toContain('correct');
    // Same password, two people: two salts, two hashes.
    expect(a).not.toBe(b);
    expect(SCRYPT_PARAMETERS).toMatchObject({ N: 2 ** 17, r: 8, p: 1 });
  });

  it('matches the password it was made from, and no other', async () => {
    const stored = await hashPassword('correct horse battery');
    expect(await verifyPassword('correct horse battery', stored)).toBe(true);
    expect(await verifyPassword('correct horse batterY', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
    expect(await verifyPassword('correct horse battery', 'md5$abc')).toBe(false);
    expect(await verifyPassword('anything at all here', await decoyHash())).toBe(false);
  });

  it('still verifies with the parameters it was made with after they are raised', async () => {
    const stored = await hashPassword('correct horse battery');
    const older = stored.replace('scrypt$131072$', 'scrypt$16384$');
    // Rehash as an older Nextcall would have: the parameters come from the stored text.
    expect(await verifyPassword('correct horse battery', older)).toBe(false);
    const [, , r, p, salt] = older.split('$');
    const { scryptSync } = await import('node:crypto');
    const key = scryptSync('correct horse battery', Buffer.from(salt!, 'base64'), 64, { N: 16384, r: Number(r), p: Number(p) });
    expect(await verifyPassword('correct horse battery', ['scrypt', 16384, r, p, salt, key.toString('base64')].join('$'))).toBe(true);
  });

  it('refuses a short password with a sentence', async () => {
    expect(passwordProblem('short')).toMatch(/at least 12 characters/);
    expect(passwordProblem('x'.repeat(300))).toMatch(/at most 256/);
    expect(passwordProblem('a good long passphrase')).toBeNull();
    await expect(hashPassword('short')).rejects.toMatchObject({ code: 'invalid-input' });
  });
});
