import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createHandlers, createReaders } from '../../../main/api/handlers.ts';
import { api, type Handlers, type MethodName } from '../../../shared/api.ts';
import { READ_METHODS } from '../../../shared/method-kinds.ts';
import { jsonSchemaOf, validArbitrary } from '../../helpers/schema-arbitraries.ts';
import { count, demoFixture, importCsv, testCore } from '../../helpers/test-core.ts';

/**
 * The readers answer the console's reads during an import (main/api/dispatch.ts): the same
 * handlers over a read-only connection on the store file. They must answer each read as the
 * core's own handlers do, and never write, even by mistake.
 */

async function consoleWithCalls() {
  const core = testCore();
  await importCsv(core, demoFixture());
  const handlers = createHandlers(core);
  // A call logged, a lead snoozed, a draft typed and a session going: the reads have something to show.
  core.prefs.update({ repName: 'Jordan' });
  await handlers['sessions.start']({ consoleId: 'console-a' });
  const offered = await handlers['queue.next']({ consoleId: 'console-a' });
  const leadId = offered.next!.card.lead.id;
  await handlers['calls.disposition']({ leadId, code: 'no-answer', notes: 'rang out', consoleId: 'console-a' });
  await handlers['calls.saveDraft']({ leadId, notes: 'call back Tuesday' });
  return { core, handlers, readers: createReaders(core), leadId };
}

type Outcome = { value: unknown } | { error: string };

async function outcome(run: () => unknown): Promise<Outcome> {
  try {
    // As it leaves the process: what a console would be sent.
    return { value: JSON.parse(JSON.stringify((await run()) ?? null)) as unknown };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Inputs the method's schema accepts, with any lead id naming a lead of the store (most random ids name none). */
function inputsFor(method: MethodName, leadId: number): unknown[] {
  const samples = fc.sample(validArbitrary(jsonSchemaOf(api[method].input)), { numRuns: 6, seed: 12 });
  const inputs: unknown[] = [];
  for (const sample of [{}, ...samples]) {
    const withLead = typeof sample === 'object' && sample !== null && 'leadId' in sample ? { ...sample, leadId } : sample;
    const parsed = api[method].input.safeParse(withLead);
    if (parsed.success) inputs.push(parsed.data);
  }
  return inputs;
}

describe('the readers', () => {
  it('read through a connection that refuses any write', async () => {
    const { core } = await consoleWithCalls();
    const before = count(core, 'leads');
    const { db } = core.readOnly();
    expect(() => db.exec('DELETE FROM leads')).toThrow(/readonly/);
    expect(() => db.exec("UPDATE leads SET first_name = 'x'")).toThrow(/readonly/);
    expect(count(core, 'leads')).toBe(before);
  });

  it('open the read-only connection once, and close it with the core', async () => {
    const { core } = await consoleWithCalls();
    const { db } = core.readOnly();
    expect(core.readOnly().db).toBe(db);
    core.close();
    expect(db.isOpen).toBe(false);
  });

  it('find a lead and open its card as the core’s own handlers do', async () => {
    const { handlers, readers, leadId } = await consoleWithCalls();
    const card = await readers['leads.get']({ leadId });
    expect(card).toEqual(await handlers['leads.get']({ leadId }));
    expect(card.draft).toBe('call back Tuesday');
    expect(card.calls).toHaveLength(1);
    const query = { query: card.lead.lastName, limit: 20 };
    expect(await readers['leads.search'](query)).toEqual(await handlers['leads.search'](query));
    expect(await readers['queue.preview']({ limit: 20 })).toEqual(await handlers['queue.preview']({ limit: 20 }));
  });

  for (const method of READ_METHODS) {
    it(`${method}: answers as the core’s handler does, without writing`, async () => {
      const { handlers, readers, leadId } = await consoleWithCalls();
      const inputs = inputsFor(method, leadId);
      for (const input of inputs) {
        const read = await outcome(() => (readers[method] as (input: unknown) => unknown)(input));
        expect(read, `${method} ${JSON.stringify(input)} tried to write`).not.toMatchObject({ error: expect.stringMatching(/readonly|read-only/i) });
        expect(read, `${method} ${JSON.stringify(input)}`).toEqual(await outcome(() => (handlers as Handlers)[method](input as never)));
      }
    });
  }
});
