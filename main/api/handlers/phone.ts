import { recordNetworkOutcome } from '../../phone/network-outcome.ts';
import { accountPhoneRecord, phoneSettingsStore, preferencesPhoneRecord } from '../../phone/phone-settings.ts';
import { privateKeyFileBox } from '../../phone/secret-box.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

/**
 * The phone's settings are the caller's own: on the team server the signed-in account's row of the
 * team database, alone the preferences file. The rules (the digest, what is never sent back) are
 * the same functions either way (main/phone/phone-settings.ts); only where the record is kept differs.
 */
export function phoneHandlers({ core, edges, rep }: HandlerContext): HandlersOf<'phone'> {
  const box = edges.secrets ?? privateKeyFileBox(core.dataDir);
  const phone = () => {
    const accountId = rep()?.id ?? null;
    return phoneSettingsStore(accountId === null ? preferencesPhoneRecord(core.prefs) : accountPhoneRecord(core.store, accountId, () => core.clock.now()), box);
  };
  return {
    'phone.settings': () => phone().view(),
    'phone.save': (input) => phone().save(input),
    'phone.account': () => phone().account(),
    'phone.outcome': async (input) => {
      const result = await core.store.transaction((tx) => recordNetworkOutcome(tx, input, rep()?.id ?? null));
      if (result.flaggedBad) core.events.emit('store.changed', { reason: 'edit' });
      return result;
    },
  };
}
