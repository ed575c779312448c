import fc from 'fast-check';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import { startWebHost, type WebHost } from '../../../main/web/http-host.ts';
import { api, methodNames } from '../../../shared/api.ts';
import type { ApiFailure } from '../../../shared/api-error.ts';
import { assertClearFailure, changedParts, fuzzRuns, fuzzStore, storeText, withinBudget } from '../../helpers/fuzz-checks.ts';
import { inputArbitrary } from '../../helpers/schema-arbitraries.ts';
import { tempDir } from '../../helpers/test-core.ts';

/**
 * The same fuzzing as the dispatcher's, over HTTP: every method of the table, then bodies that
 * are not even JSON. The web host must answer every one with a JSON envelope and a status that
 * says whose fault it was (never 500), and a refused call must leave the store as it was.
 */
let host: WebHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

const BUDGET = { runs: 12, milliseconds: 200 };
const RAW_BUDGET = { runs: 150, milliseconds: 1500 };

const STATUS_OF: Record<ApiFailure['code'], number> = {
  'invalid-input': 400,
  'unknown-method': 400,
  'not-found': 404,
  conflict: 409,
  unauthorized: 401,
  forbidden: 403,
  internal: 500,
  // The store's own conditions (main/store/store-errors.ts): busy and read-only may pass, a full disk is named.
  'store-busy': 503,
  'store-full': 507,
  'store-read-only': 503,
  'store-damaged': 500,
};

async function fuzzedHost() {
  const core = await fuzzStore();
  const rendererDir = join(tempDir(), 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html>');
  const logged: unknown[] = [];
  host = await startWebHost({
    dispatch: createDispatcher(createHandlers(core), (error) => logged.push(error)),
    events: core.events,
    rendererDir,
    log: (line) => logged.push(line),
  });
  const started = host;
  const post = (method: string, body: string | Uint8Array<ArrayBuffer>, contentType = 'application/json') =>
    fetch(`${started.origin}/api/${encodeURIComponent(method)}`, {
      method: 'POST',
      headers: { 'Content-Type': contentType, Authorization: `Bearer ${started.token}` },
      body,
    });
  return { core, post, logged };
}

/** One answer checked: a JSON envelope, the status its error code calls for, and nothing written if refused. */
async function checkAnswer(response: Response, before: Record<string, string>, after: () => Record<string, string>) {
  const text = await response.text();
  let envelope: { ok: boolean; error?: ApiFailure };
  try {
    envelope = JSON.parse(text);
  } catch {
    throw new Error(`HTTP ${response.status} answered with something that is not JSON: ${text.slice(0, 200)}`);
  }
  expect(response.headers.get('content-type')).toContain('application/json');
  if (envelope.ok) {
    expect(response.status).toBe(200);
    return;
  }
  assertClearFailure(envelope.error!);
  if (response.status !== 413) expect(response.status, envelope.error!.message).toBe(STATUS_OF[envelope.error!.code]);
  expect(changedParts(before, after()), 'a refused call changed the store').toEqual([]);
}

describe('fuzzing every API method through the web host', () => {
  for (const method of methodNames) {
    it(`${method}: answers every body with a JSON envelope and the right status, never 500`, async () => {
      const { core, post, logged } = await fuzzedHost();
      await fc.assert(
        fc.asyncProperty(
          inputArbitrary(api[method].input),
          withinBudget(BUDGET, async (input) => {
            logged.length = 0; // each input answers for its own errors, shrinking included
            const before = storeText(core);
            await checkAnswer(await post(method, JSON.stringify({ input })), before, () => storeText(core));
            expect(logged, 'the host or a handler logged a failure').toEqual([]);
          }),
        ),
        fuzzRuns(BUDGET),
      );
    });
  }

  it('answers bodies that are not JSON, or not the shape of a call, in words', async () => {
    const { core, post, logged } = await fuzzedHost();
    const body = fc.oneof(
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.uint8Array({ maxLength: 200 }),
      fc.jsonValue().map((value) => JSON.stringify(value)),
      fc.anything().map((value) => JSON.stringify({ input: value }) ?? ''),
    );
    const method = fc.oneof(fc.constantFrom(...methodNames), fc.string({ maxLength: 30 }));
    await fc.assert(
      fc.asyncProperty(
        fc.tuple(method, body),
        withinBudget(RAW_BUDGET, async ([name, payload]) => {
          logged.length = 0;
          const before = storeText(core);
          await checkAnswer(await post(name, payload), before, () => storeText(core));
          expect(logged).toEqual([]);
        }),
      ),
      fuzzRuns(RAW_BUDGET),
    );
  });
});
