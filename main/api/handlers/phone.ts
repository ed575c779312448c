import { recordNetworkOutcome } from '../../phone/network-outcome.ts';
import { phoneSettingsStore } from '../../phone/phone-settings.ts';
import { privateKeyFileBox } from '../../phone/secret-box.ts';
import { transaction } from '../../store/database.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

export function phoneHandlers({ core, edges }: HandlerContext): HandlersOf<'phone'> {
  const phone = phoneSettingsStore(core.prefs, edges.secrets ?? privateKeyFileBox(core.dataDir));
  return {
    'phone.settings': () => phone.view(),
    'phone.save': (input) => phone.save(input),
    'phone.account': () => phone.account(),
    'phone.outcome': (input) => {
      const result = transaction(core.db, () => recordNetworkOutcome(core.db, input));
      if (result.flaggedBad) core.events.emit('store.changed', { reason: 'edit' });
      return result;
    },
  };
}
