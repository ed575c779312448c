import { api, isMethodName, type Handlers, type MethodName, type ParsedInputOf } from '../../shared/api.ts';
import { ApiError, type ApiFailure } from '../../shared/api-error.ts';
import type { Envelope } from '../../shared/bridge.ts';
import { storeFailure } from '../store/store-errors.ts';

/** One call from any adapter: an untrusted method name and an untrusted input. */
export type Dispatch = (method: unknown, input: unknown) => Promise<Envelope<unknown>>;

export interface DispatchOptions {
  /**
   * True (the default) over one SQLite connection. The team server passes false: on PostgreSQL
   * each call is its own transaction on a pooled connection, and a sign-in's seconds of password
   * hashing must not hold up every other console's disposition.
   */
  oneAtATime?: boolean;
}

/**
 * The single door into the core for the IPC router, the web host and the CLI. It checks the
 * method against the contract, validates the input against its schema (an invalid call
 * reaches no service), and runs calls one at a time: an import awaits between batches inside
 * its transaction, and nothing else may write into that transaction meanwhile.
 */
export function createDispatcher(handlers: Handlers, logError: (error: unknown) => void = console.error, { oneAtATime = true }: DispatchOptions = {}): Dispatch {
  let tail: Promise<unknown> = Promise.resolve();
  const serially = <T>(work: () => T | Promise<T>): Promise<T> => {
    if (!oneAtATime) return Promise.resolve().then(work);
    const run = tail.then(work);
    tail = run.catch(() => undefined);
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
      const value = await serially(() => call(handlers, method, parsed.data as ParsedInputOf<typeof method>));
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
