import { expect, it } from 'vitest';
import { createAccount, createFirstAdmin, listAccounts, resetPassword } from '../../../main/people/accounts.ts';
import { hasRole } from '../../../shared/method-roles.ts';
import { signedInAccount, signIn } from '../../../main/people/sign-in.ts';
import { describeEachStore } from '../../helpers/test-stores.ts';

const NOW = Date.parse('2026-11-23T15:00:00Z');
const PASSWORD = 'a long enough passphrase';

describeEachStore(
  'accounts',
  ({ open, connect }) => {
    it('makes the first admin once, even from two terminals at the same moment', async () => {
      const store = await open();
      const other = await connect();
      const results = await Promise.allSettled([
        createFirstAdmin(store, NOW, { name: 'dana', password: PASSWORD }),
        createFirstAdmin(other, NOW, { name: 'eli', password: PASSWORD }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect(refused.reason).toMatchObject({ code: 'conflict', message: expect.stringMatching(/already has an admin/) });
      expect((await listAccounts(store)).map((a) => a.role)).toEqual(['admin']);
    });

    it('makes accounts of each role; a name is taken once whatever its case', async () => {
      const store = await open();
      const rep = await createAccount(store, NOW, { name: 'Jordan', role: 'rep', password: PASSWORD });
      await createAccount(store, NOW, { name: 'sam.lead', role: 'team-lead', password: PASSWORD });
      expect(rep).toEqual({ id: expect.any(Number), name: 'Jordan', role: 'rep', createdAt: '2026-11-23T15:00:00.000Z' });
      await expect(createAccount(store, NOW, { name: 'jordan', role: 'admin', password: PASSWORD })).rejects.toMatchObject({
        code: 'conflict',
        message: 'There is already an account named jordan. Nothing was changed.',
      });
      expect(hasRole({ role: 'team-lead' }, 'rep')).toBe(true);
      expect(hasRole({ role: 'rep' }, 'team-lead')).toBe(false);
      expect(hasRole({ role: 'admin' }, 'team-lead')).toBe(true);
    });

    it('refuses a bad name, role or password with a sentence, and writes nothing', async () => {
      const store = await open();
      await expect(createAccount(store, NOW, { name: 'two words', role: 'rep', password: PASSWORD })).rejects.toMatchObject({ code: 'invalid-input' });
      await expect(createAccount(store, NOW, { name: 'ok', role: 'boss' as 'rep', password: PASSWORD })).rejects.toMatchObject({ code: 'invalid-input' });
      await expect(createAccount(store, NOW, { name: 'ok', role: 'rep', password: 'short' })).rejects.toMatchObject({
        code: 'invalid-input',
        message: expect.stringMatching(/at least 12 characters/),
      });
      expect(await listAccounts(store)).toEqual([]);
    });

    it('resets a password: the old one stops working, every sign-in ends, the attempts are forgotten', async () => {
      const store = await open();
      await createAccount(store, NOW, { name: 'jordan', role: 'rep', password: PASSWORD });
      const { token } = await signIn(store, NOW, { name: 'jordan', password: PASSWORD, address: '10.0.0.5' });
      for (let i = 0; i < 6; i++) await signIn(store, NOW, { name: 'jordan', password: 'wrong guess number', address: '10.0.0.5' }).catch(() => undefined);
      await resetPassword(store, NOW + 1, { name: 'JORDAN', password: 'a brand new passphrase' });
      expect(await signedInAccount(store, NOW + 2, token)).toBeNull();
      await expect(signIn(store, NOW + 3, { name: 'jordan', password: PASSWORD, address: '10.0.0.5' })).rejects.toMatchObject({ code: 'unauthorized' });
      expect((await signIn(store, NOW + 4, { name: 'jordan', password: 'a brand new passphrase', address: '10.0.0.5' })).account.name).toBe('jordan');
      await expect(resetPassword(store, NOW, { name: 'nobody', password: PASSWORD })).rejects.toMatchObject({ code: 'not-found' });
    });
  },
  ['postgres'],
);
