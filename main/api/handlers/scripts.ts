import { activeDispositions } from '../../calls/disposition-store.ts';
import { activateScript, activeScript, importScript, listScripts, scriptDocument, validateScript } from '../../scripts/script-store.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

export function scriptsHandlers({ core }: HandlerContext): HandlersOf<'scripts'> {
  const { db, clock } = core;
  // A script's outcomes must name dispositions in use.
  const codes = () => activeDispositions(db).map((d) => d.code);
  return {
    'scripts.active': () => activeScript(db),
    'scripts.list': () => listScripts(db),
    'scripts.validate': ({ fileName, text }) => ({ valid: true, name: validateScript(text, fileName, codes()).name }),
    'scripts.import': ({ fileName, text, activate }) => importScript(db, text, fileName, codes(), clock.now(), activate),
    'scripts.activate': ({ id, version }) => {
      activateScript(db, id, version);
      return listScripts(db);
    },
    'scripts.export': ({ id, version }) => scriptDocument(db, id, version),
  };
}
