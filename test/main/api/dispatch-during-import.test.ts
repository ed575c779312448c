import { describe, expect, it } from 'vitest';
import { createDispatcher, type DispatchOptions } from '../../../main/api/dispatch.ts';
import { createHandlers, createReaders } from '../../../main/api/handlers.ts';
import { demoLeadsCsv } from '../../../main/demo/demo-list.ts';
import type { Handlers } from '../../../shared/api.ts';
import type { ImportReport } from '../../../shared/imports.ts';
import { demoFixture, importCsv, testCore, type TestCore } from '../../helpers/test-core.ts';

/**
 * The console stays responsive during an import (issue 12): while an import holds the dispatcher's
 * line, a read is answered at once from the read-only connection, as the store was before the
 * import; a write still waits for the import. Without an import every call takes its turn.
 */

const REPORT: ImportReport = { batchId: 1, dryRun: false, encoding: 'utf-8', delimiter: ',', rowsRead: 0, created: 0, updated: 0, merged: 0, rejected: [], flagged: [] };

/** A gate a test opens by hand. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

/**
 * An import that holds its transaction open until the test lets it go: it has renamed the first
 * lead (Mia Okafor) inside the transaction, as an import's merge would, and not committed.
 */
function heldImport(core: TestCore, order: string[]) {
  const begun = gate();
  const release = gate();
  const handler = () =>
    core.store.transaction(async (tx) => {
      await tx.run("UPDATE leads SET first_name = 'Zephyrine' WHERE crm_id = '100000'");
      order.push('import holds the line');
      begun.open();
      await release.opened;
      order.push('import commits');
      return REPORT;
    });
  return { handler, begun: begun.opened, release: release.open };
}

/** A write that holds the line until the test lets it go. */
function heldWrite(order: string[], name: string) {
  const release = gate();
  const handler = async () => {
    order.push(`${name} starts`);
    await release.opened;
    order.push(`${name} ends`);
    return { saved: true as const };
  };
  return { handler, release: release.open };
}

async function consoleOver(overrides: (core: TestCore) => Partial<Handlers>, options: DispatchOptions | 'no readers' = {}) {
  const core = testCore();
  await importCsv(core, demoFixture());
  const readers = options === 'no readers' ? {} : { readers: () => createReaders(core), ...options };
  const dispatch = createDispatcher({ ...createHandlers(core), ...overrides(core) }, (error) => {
    throw error;
  }, readers);
  const leadId = (core.db.prepare("SELECT id FROM leads WHERE crm_id = '100000'").get() as { id: number }).id;
  return { core, dispatch, leadId };
}

const answered = (order: string[], what: string) => (value: unknown) => (order.push(what), value);

describe('the dispatcher during an import', () => {
  it('answers a search and a lead’s card before the import ends, as the store was before it', async () => {
    const order: string[] = [];
    let held!: ReturnType<typeof heldImport>;
    const { dispatch, leadId } = await consoleOver((core) => ((held = heldImport(core, order)), { 'leads.import': held.handler }));
    const importing = dispatch('leads.import', { fileName: 'big.csv', data: '' }).then(answered(order, 'import answered'));
    await held.begun;

    const card = await dispatch('leads.get', { leadId });
    const found = await dispatch('leads.search', { query: 'Okafor' });
    order.push('reads answered');
    expect(card).toMatchObject({ ok: true, value: { lead: { firstName: 'Mia', lastName: 'Okafor' } } });
    expect(found).toMatchObject({ ok: true, value: { hits: expect.arrayContaining([expect.objectContaining({ lead: expect.objectContaining({ id: leadId, firstName: 'Mia' }) })]) } });

    held.release();
    await importing;
    expect(order).toEqual(['import holds the line', 'reads answered', 'import commits', 'import answered']);
    // Once it has committed, the next read sees the import.
    expect(await dispatch('leads.get', { leadId })).toMatchObject({ ok: true, value: { lead: { firstName: 'Zephyrine' } } });
  });

  it('keeps a write waiting until the import has committed', async () => {
    const order: string[] = [];
    let held!: ReturnType<typeof heldImport>;
    const { dispatch, leadId } = await consoleOver((core) => ((held = heldImport(core, order)), { 'leads.import': held.handler }));
    const importing = dispatch('leads.import', { fileName: 'big.csv', data: '' });
    await held.begun;
    const saving = dispatch('calls.saveDraft', { leadId, notes: 'asked for a callback' }).then(answered(order, 'draft saved'));
    await dispatch('leads.get', { leadId });
    order.push('card read');
    held.release();
    await Promise.all([importing, saving]);
    expect(order).toEqual(['import holds the line', 'card read', 'import commits', 'draft saved']);
    expect(await dispatch('leads.get', { leadId })).toMatchObject({ ok: true, value: { draft: 'asked for a callback' } });
  });

  it('answers a read after the writes that were before the import in the line, and before the import', async () => {
    const order: string[] = [];
    const write = heldWrite(order, 'draft');
    let held!: ReturnType<typeof heldImport>;
    const { dispatch, leadId } = await consoleOver((core) => ((held = heldImport(core, order)), { 'calls.saveDraft': write.handler, 'leads.import': held.handler }));
    const saving = dispatch('calls.saveDraft', { leadId, notes: 'x' });
    const importing = dispatch('leads.import', { fileName: 'big.csv', data: '' });
    const reading = dispatch('leads.get', { leadId }).then(answered(order, 'card read'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    write.release();
    await reading;
    held.release();
    await Promise.all([saving, importing]);
    expect(order).toEqual(['draft starts', 'draft ends', 'import holds the line', 'card read', 'import commits']);
  });

  it('answers while a real import of 12,000 rows is writing, without its leads', async () => {
    const { core, dispatch, leadId } = await consoleOver(() => ({}));
    const csv = demoLeadsCsv({ count: 12_000, now: core.clock.now() });
    const during: Promise<unknown>[] = [];
    let importDone = false;
    const stop = core.events.subscribe((event) => {
      if (event !== 'import.progress' || during.length > 0) return;
      const read = <T>(answer: Promise<T>) => answer.then((value) => ({ value, importDone }));
      during.push(read(dispatch('lists.working', {})), read(dispatch('leads.get', { leadId })), read(dispatch('leads.search', { query: 'Okafor' })));
    });
    const report = await dispatch('leads.import', { fileName: 'big.csv', data: Buffer.from(csv).toString('base64') });
    importDone = true;
    stop();
    expect(report).toMatchObject({ ok: true, value: { rowsRead: 12_000 } });
    const [lists, card, found] = (await Promise.all(during)) as { value: { ok: boolean; value?: unknown }; importDone: boolean }[];
    expect([lists!.importDone, card!.importDone, found!.importDone]).toEqual([false, false, false]);
    expect(lists!.value).toMatchObject({ ok: true, value: { lists: [{ name: null, leads: 300 }] } });
    expect(card!.value).toMatchObject({ ok: true, value: { lead: { id: leadId, firstName: 'Mia' } } });
    expect(found!.value).toMatchObject({ ok: true, value: { hits: expect.arrayContaining([expect.objectContaining({ lead: expect.objectContaining({ id: leadId }) })]) } });
    const after = await dispatch('lists.working', {});
    expect(after).toMatchObject({ ok: true, value: { lists: [{ name: null }] } });
    expect((after as { value: { lists: { leads: number }[] } }).value.lists[0]!.leads).toBeGreaterThan(300);
  });
});

describe('the dispatcher without an import', () => {
  it('keeps a read behind the write before it, as always', async () => {
    const order: string[] = [];
    const write = heldWrite(order, 'draft');
    const { dispatch, leadId } = await consoleOver(() => ({ 'calls.saveDraft': write.handler }));
    const saving = dispatch('calls.saveDraft', { leadId, notes: 'x' });
    const reading = dispatch('leads.get', { leadId }).then(answered(order, 'card read'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    write.release();
    await Promise.all([saving, reading]);
    expect(order).toEqual(['draft starts', 'draft ends', 'card read']);
  });

  it('keeps every read behind the import when no readers are given (the CLI)', async () => {
    const order: string[] = [];
    let held!: ReturnType<typeof heldImport>;
    const { dispatch, leadId } = await consoleOver((core) => ((held = heldImport(core, order)), { 'leads.import': held.handler }), 'no readers');
    const importing = dispatch('leads.import', { fileName: 'big.csv', data: '' });
    await held.begun;
    const reading = dispatch('leads.get', { leadId }).then(answered(order, 'card read'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    held.release();
    await Promise.all([importing, reading]);
    expect(order).toEqual(['import holds the line', 'import commits', 'card read']);
    expect(await reading).toMatchObject({ ok: true, value: { lead: { firstName: 'Zephyrine' } } });
  });
});
