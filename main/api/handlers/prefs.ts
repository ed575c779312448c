import { applyAttemptCapChange } from '../../queue/attempt-cap-change.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

export function prefsHandlers({ core, edges, cap, rep }: HandlerContext): HandlersOf<'prefs' | 'app'> {
  const { store, prefs } = core;
  return {
    'prefs.get': () => prefs.read(),
    'prefs.set': async (patch) => {
      const before = cap();
      const updated = prefs.update(patch);
      await prefs.saved(rep()?.name ?? null);
      await applyAttemptCapChange(store, before, updated.queueRules.lifetimeAttemptCap);
      return updated;
    },
    'app.capabilities': () => ({ pdf: edges.printPdf !== undefined }),
  };
}
