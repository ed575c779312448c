import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createDispatcher, type Dispatch } from '../../../main/api/dispatch.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import { api, methodNames } from '../../../shared/api.ts';
import type { Envelope } from '../../../shared/bridge.ts';
import { assertClearFailure, changedParts, fuzzRuns, fuzzStore, storeText, withinBudget } from '../../helpers/fuzz-checks.ts';
import { inputArbitrary } from '../../helpers/schema-arbitraries.ts';

/**
 * Every method of the API table, fed random and nearly-right inputs through the dispatcher (the
 * door the IPC router, the web host and the CLI share). The loop is over the table, so a method
 * added tomorrow is fuzzed without anyone writing its name here. Each call must come back as an
 * envelope (never a thrown exception), a refusal must say what is wrong in words (never
 * 'internal', never a stack), and a refused call must leave the store exactly as it was.
 */
const BUDGET = { runs: 40, milliseconds: 300 };
const UNKNOWN_BUDGET = { runs: 100, milliseconds: 300 };

async function fuzzedConsole() {
  const core = await fuzzStore();
  const logged: unknown[] = [];
  const dispatch: Dispatch = createDispatcher(createHandlers(core), (error) => logged.push(error));
  return { core, dispatch, logged };
}

describe('fuzzing every API method through the dispatcher', () => {
  for (const method of methodNames) {
    it(`${method}: answers anything with an envelope, refuses in words, and writes nothing when it refuses`, async () => {
      const { core, dispatch, logged } = await fuzzedConsole();
      await fc.assert(
        fc.asyncProperty(
          inputArbitrary(api[method].input),
          withinBudget(BUDGET, async (input) => {
            logged.length = 0; // each input answers for its own errors, shrinking included
            const before = storeText(core);
            let result: Envelope<unknown>;
            try {
              result = await dispatch(method, input);
            } catch (error) {
              throw new Error(`${method} threw instead of answering: ${String(error)}`, { cause: error });
            }
            expect(typeof result.ok).toBe('boolean');
            expect(logged, 'an internal error was logged').toEqual([]);
            if (!result.ok) {
              assertClearFailure(result.error);
              expect(changedParts(before, storeText(core)), 'a refused call changed the store').toEqual([]);
            }
          }),
        ),
        fuzzRuns(BUDGET),
      );
    });
  }

  it('refuses a method that is not in the table, whatever its name or input', async () => {
    const { dispatch } = await fuzzedConsole();
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(fc.oneof(fc.string(), fc.anything()), fc.anything()),
        withinBudget(UNKNOWN_BUDGET, async ([method, input]) => {
          fc.pre(typeof method !== 'string' || !Object.hasOwn(api, method));
          const result = await dispatch(method, input);
          expect(result).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
        }),
      ),
      fuzzRuns(UNKNOWN_BUDGET),
    );
  });
});
