import { listReasons, saveReasons } from '../../calls/disposition-reasons.ts';
import { importDispositions, listDispositions, retireDisposition, saveDisposition } from '../../calls/disposition-store.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

export function dispositionsHandlers({ core }: HandlerContext): HandlersOf<'dispositions' | 'reasons'> {
  const { db, clock } = core;
  return {
    'dispositions.list': () => listDispositions(db),
    'dispositions.save': (disposition) => saveDisposition(db, disposition),
    'dispositions.retire': ({ code }) => retireDisposition(db, code, clock.now()),
    'dispositions.import': ({ fileName, text }) => importDispositions(db, text, fileName, clock.now()),
    'reasons.list': () => listReasons(db),
    'reasons.save': ({ code, reasons }) => saveReasons(db, code, reasons),
  };
}
