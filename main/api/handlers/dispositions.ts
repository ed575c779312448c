import { listReasons, saveReasons } from '../../calls/disposition-reasons.ts';
import { importDispositions, listDispositions, retireDisposition, saveDisposition } from '../../calls/disposition-store.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

export function dispositionsHandlers({ core }: HandlerContext): HandlersOf<'dispositions' | 'reasons'> {
  const { store, clock } = core;
  return {
    'dispositions.list': () => listDispositions(store),
    'dispositions.save': (disposition) => saveDisposition(store, disposition),
    'dispositions.retire': ({ code }) => retireDisposition(store, code, clock.now()),
    'dispositions.import': ({ fileName, text }) => importDispositions(store, text, fileName, clock.now()),
    'reasons.list': () => listReasons(store),
    'reasons.save': ({ code, reasons }) => saveReasons(store, code, reasons),
  };
}
