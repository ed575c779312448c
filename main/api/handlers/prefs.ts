import { applyAttemptCapChange } from '../../queue/attempt-cap-change.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

export function prefsHandlers({ core, edges, cap }: HandlerContext): HandlersOf<'prefs' | 'app'> {
  const { db, prefs } = core;
  return {
    'prefs.get': () => prefs.read(),
    'prefs.set': (patch) => {
      const before = cap();
      const updated = prefs.update(patch);
      applyAttemptCapChange(db, before, updated.queueRules.lifetimeAttemptCap);
      return updated;
    },
    'app.capabilities': () => ({ pdf: edges.printPdf !== undefined }),
  };
}
