import { api, isMethodName, type Handlers, type MethodName, type ParsedInputOf } from '../../shared/api.ts';
import { ApiError, type ApiFailure } from '../../shared/api-error.ts';
import type { Envelope } from '../../shared/bridge.ts';
import { storeFailure } from '../store/store-errors.ts';
import { METHOD_KINDS } from '../../shared/method-kinds.ts';
import type { Readers } from './handlers.ts';

/** One call from any adapter: an untrusted method name and an untrusted input. */
export type Dispatch = (method: unknown, input: unknown) => Promise<Envelope<unknown>>;

export interface DispatchOptions {
  /**
   * True (the default) over one SQLite connection. The team server passes false: on PostgreSQL
   * each call is its own transaction on a pooled connection, and a sign-in's seconds of password
   * hashing must not hold up every other console's disposition.
   */
  oneAtATime?: boolean;
  /**
   * The read handlers over a read-only connection (createReaders), made the first time they are
   * needed: while an import holds the line, they answer reads at once. Without them every read
   * waits for the import.
   */
  readers?: () => Readers;
}

/**
 * The single door into the core for the IPC router, the web host and the CLI. It checks the
 * method against the contract, validates the input against its schema (an invalid call
 * reaches no service), and runs calls one at a time: an import awaits between batches inside
 * its transaction, and nothing else may write into that transaction meanwhile.
 *
 * Except reads during an import (a long write, shared/method-kinds.ts), which takes seconds to
 * minutes: once everything before the import in the line has run, a read is answered at once by
 * the readers, on a read-only connection that sees the store as last committed. That is the
 * store before the import, which lands whole or not at all, and after every call answered before
 * it; writes still wait for the import. Without an import in the line nothing changes: every call
 * takes its turn.
 */
export function createDispatcher(handlers: Handlers, logError: (error: unknown) => void = console.error, { oneAtATime = true, readers }: DispatchOptions = {}): Dispatch {
  let tail: Promise<unknown> = Promise.resolve();
  // For each long write in the line and not yet done, oldest first: the line up to it.
  const beforeLongWrites: Promise<unknown>[] = [];
  let readOnly: Readers | null = null;
  const inLine = <T>(work: () => T | Promise<T>): Promise<T> => {
    const run = tail.then(work);
    tail = run.catch(() => undefined);
    return run;
  };
  const schedule = <K extends MethodName>(method: K, input: ParsedInputOf<K>): Promise<unknown> => {
    const work = () => call(handlers, method, input);
    if (!oneAtATime) return Promise.resolve().then(work);
    const kind = METHOD_KINDS[method];
    if (kind === 'read' && readers && beforeLongWrites.length > 0) {
      return beforeLongWrites[0]!.then(() => call((readOnly ??= readers()) as Handlers, method, input));
    }
    if (kind !== 'long write') return inLine(work);
    beforeLongWrites.push(tail);
    const run = inLine(work);
    // Long writes end in the order they started: the oldest entry is this one's.
    const done = () => void beforeLongWrites.shift();
    run.then(done, done);
    return run;
  };

  return async (method, input) => {
    if (!isMethodName(method)) {
      return failure({ code: 'unknown-method', message: `Nextcall has no method named ${describeMethod(method)}.` });
    }
    const parsed = api[method].input.safeParse(input ?? {});
    if (!parsed.success) {
      const issues = parsed.error.issues.map((issue) => ({ path: issue.path.join('.') || '(input)', message: issue.message }));
      const detail = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
      return failure({ code: 'invalid-input', message: `Invalid input for ${method}: ${detail}.`, issues });
    }
    try {
      const value = await schedule(method, parsed.data as ParsedInputOf<typeof method>);
      return { ok: true, value };
    } catch (error) {
      if (error instanceof ApiError) return failure(error.toFailure());
      // Busy, full, read-only, damaged: a sentence the rep can act on, not "details in the log".
      const store = storeFailure(error);
      if (store) return failure(store.toFailure());
      logError(error);
      return failure({ code: 'internal', message: `Nextcall could not complete ${method}. The details are in the log.` });
    }
  };
}

function call<K extends MethodName>(handlers: Handlers, method: K, input: ParsedInputOf<K>) {
  return (handlers[method] as (input: ParsedInputOf<K>) => unknown)(input);
}

/** A caller's method name, quoted; anything not a string (an object whose toString is not a function, say) by its kind. */
function describeMethod(method: unknown): string {
  return typeof method === 'string' ? JSON.stringify(method).slice(0, 80) : `(${method === null ? 'null' : typeof method}, not a name)`;
}

function failure(error: ApiFailure): Envelope<never> {
  return { ok: false, error };
}
