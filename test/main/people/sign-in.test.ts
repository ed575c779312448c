import { expect, it } from 'vitest';
import { createAccount } from '../../../main/people/accounts.ts';
import { signedInAccount, signIn, signOut, SIGN_IN_RULES, tokenHash } from '../../../main/people/sign-in.ts';
import { HOUR_MS, MINUTE_MS } from '../../../shared/time-units.ts';
import { describeEachStore } from '../../helpers/test-stores.ts';

const NOW = Date.parse('2026-11-23T15:00:00Z');
const PASSWORD = 'a long enough passphrase';
const AT = { address: '192.0.2.10' };

describeEachStore(
  'signing in',
  ({ open, connect }) => {
    it('gives a token that signs the person in for a working day; the store keeps only its hash', async () => {
      const store = await open();
      await createAccount(store, NOW, { name: 'jordan', role: 'rep', password: PASSWORD });
      const signed = await signIn(store, NOW, { name: ' Jordan ', password: PASSWORD, ...AT });
      expect(signed).toMatchObject({ account: { name: 'jordan', role: 'rep' }, expiresAt: '2026-11-24T03:00:00.000Z' });
      expect(signed.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
      expect(await store.all('SELECT token_hash FROM sign_in_sessions')).toEqual([{ token_hash: tokenHash(signed.token) }]);
      expect(tokenHash(signed.token)).not.toContain(signed.token);
      // Another server process knows the token too: nothing was kept in memory.
      const other = await connect();
      expect(await signedInAccount(other, NOW + 11 * HOUR_MS, signed.token)).toMatchObject({ name: 'jordan' });
      expect(await signedInAccount(other, NOW + 12 * HOUR_MS, signed.token)).toBeNull();
      expect(await signedInAccount(other, NOW, 'made-up-token')).toBeNull();
    });

    it('ends on sign-out', async () => {
      const store = await open();
      await createAccount(store, NOW, { name: 'jordan', role: 'rep', password: PASSWORD });
      const { token } = await signIn(store, NOW, { name: 'jordan', password: PASSWORD, ...AT });
      await signOut(store, token);
      expect(await signedInAccount(store, NOW + 1, token)).toBeNull();
    });

    it('says the same sentence for a wrong password and an unknown name', async () => {
      const store = await open();
      await createAccount(store, NOW, { name: 'jordan', role: 'rep', password: PASSWORD });
      const wrong = await signIn(store, NOW, { name: 'jordan', password: 'not the password', ...AT }).catch((e: unknown) => e);
      const unknown = await signIn(store, NOW, { name: 'nobody', password: PASSWORD, ...AT }).catch((e: unknown) => e);
      expect(wrong).toMatchObject({ code: 'unauthorized', message: 'That name and password do not match an account.' });
      expect(unknown).toMatchObject({ code: 'unauthorized', message: 'That name and password do not match an account.' });
      expect(await store.one('SELECT count(*) AS n FROM sign_in_sessions')).toEqual({ n: 0 });
    });

    it('stops a guesser after 5 attempts on a name, across server processes, for 15 minutes', async () => {
      const store = await open();
      const other = await connect();
      await createAccount(store, NOW, { name: 'jordan', role: 'rep', password: PASSWORD });
      for (const [i, server] of [store, other, store, other, store].entries()) {
        await expect(signIn(server, NOW + i, { name: 'jordan', password: `guess number ${i}`, ...AT })).rejects.toMatchObject({ message: /do not match/ });
      }
      // The right password, too late: refused without being checked.
      await expect(signIn(other, NOW + 5 * MINUTE_MS, { name: 'jordan', password: PASSWORD, ...AT })).rejects.toMatchObject({
        code: 'unauthorized',
        message: 'Too many sign-in attempts: try again in 10 minutes, or ask an admin to reset the password.',
      });
      // Another name from the same address is not locked out.
      await createAccount(store, NOW, { name: 'sam', role: 'rep', password: PASSWORD });
      expect((await signIn(store, NOW + 6 * MINUTE_MS, { name: 'sam', password: PASSWORD, ...AT })).account.name).toBe('sam');
      expect((await signIn(store, NOW + SIGN_IN_RULES.windowMs, { name: 'jordan', password: PASSWORD, ...AT })).account.name).toBe('jordan');
    });

    it('checks only 5 of 12 guesses sent at once to two server processes', async () => {
      const store = await open();
      const other = await connect();
      await createAccount(store, NOW, { name: 'jordan', role: 'rep', password: PASSWORD });
      const results = await Promise.allSettled(
        Array.from({ length: 12 }, (_, i) => signIn(i % 2 ? other : store, NOW, { name: 'jordan', password: `guess number ${i}`, ...AT })),
      );
      const messages = results.map((r) => (r as PromiseRejectedResult).reason.message as string);
      expect(messages.filter((m) => /do not match/.test(m))).toHaveLength(5);
      expect(messages.filter((m) => /Too many/.test(m))).toHaveLength(7);
    });

    it('stops one address trying many names', async () => {
      const store = await open();
      // Three a window here, not thirty: each guess costs a real scrypt run.
      const rules = { ...SIGN_IN_RULES, attemptsPerAddress: 3 };
      const refusal = (name: string, address = AT.address) =>
        signIn(store, NOW, { name, password: 'some guess here', address }, rules).then(
          () => 'signed in',
          (e: Error) => e.message,
        );
      const messages: string[] = [];
      for (const i of [1, 2, 3, 4]) messages.push(await refusal(`user${i}`));
      // Another address is not held back.
      expect(await refusal('user5', '192.0.2.11')).toMatch(/do not match/);
      expect(messages.at(-2)).toMatch(/do not match/);
      expect(messages.at(-1)).toMatch(/Too many sign-in attempts/);
    });
  },
  ['postgres'],
);
