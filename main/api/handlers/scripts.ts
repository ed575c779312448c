import { activeDispositions } from '../../calls/disposition-store.ts';
import { activateScript, activeScript, importScript, listScripts, scriptDocument, validateScript } from '../../scripts/script-store.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

export function scriptsHandlers({ core }: HandlerContext): HandlersOf<'scripts'> {
  const { store, clock } = core;
  // A script's outcomes must name dispositions in use.
  const codes = async () => (await activeDispositions(store)).map((d) => d.code);
  return {
    'scripts.active': () => activeScript(store),
    'scripts.list': () => listScripts(store),
    'scripts.validate': async ({ fileName, text }) => ({ valid: true, name: validateScript(text, fileName, await codes()).name }),
    'scripts.import': async ({ fileName, text, activate }) => importScript(store, text, fileName, await codes(), clock.now(), activate),
    'scripts.activate': async ({ id, version }) => {
      await activateScript(store, id, version);
      return listScripts(store);
    },
    'scripts.export': ({ id, version }) => scriptDocument(store, id, version),
  };
}
