import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { createDispatcher } from '../../main/api/dispatch.ts';
import { createHandlers, createReaders } from '../../main/api/handlers.ts';
import { openCore } from '../../main/core.ts';
import { demoLeadsCsv } from '../../main/demo/demo-list.ts';
import { memoryFile, preferenceStore } from '../../main/preferences/preferences.ts';

/**
 * A console's reads during an import (issue 12): a team lead imports a 100,000-row list while a
 * rep's console asks to find a lead and open a card every 100 ms. Each read's wait is counted
 * from the moment it was due (so the event loop's turns while the import writes a batch count
 * too) to its answer. The same run, the same file, the same store before the import, both ways:
 *   - one line: every call in turn (the dispatcher without readers, as before issue 12): a
 *     read waits for the whole import;
 *   - readers: a read answered at once from the read-only connection, as the store was before
 *     the import.
 * The modes alternate, `rounds` times each, so a busy moment of a shared machine falls on both.
 * `npm run bench -- read-during-import`, or alone: node test/bench/read-during-import.ts [rows].
 */
export interface ReadDuringImport {
  rows: number;
  oneLine: Mode;
  readers: Mode;
}

export interface Mode {
  /** Each read's wait, ms: from when it was due to its answer. */
  waits: number[];
  /** The dispatcher's part of it, ms: from the call to the answer (the rest is the event loop busy with a batch of rows). */
  answers: number[];
  /** The import's own time, ms, each round. */
  importMs: number[];
}

const EVERY_MS = 100;
const SEED = 'Record ID,First Name,Last Name,Company Name,Phone Number,Time Zone\n1,Ada,Lovelace,Acme,+1 212 555 0100,America/New_York\n2,Bob,Stone,Acme,+1 212 555 0101,America/New_York\n';

export async function benchReadDuringImport(rows: number, now: number, rounds = 2): Promise<ReadDuringImport> {
  const file = Buffer.from(demoLeadsCsv({ count: rows, now })).toString('base64');
  const result: ReadDuringImport = { rows, oneLine: { waits: [], answers: [], importMs: [] }, readers: { waits: [], answers: [], importMs: [] } };
  for (let round = 0; round < rounds; round++) {
    for (const mode of ['oneLine', 'readers'] as const) {
      const { waits, answers, importMs } = await oneImport(file, now, mode === 'readers');
      result[mode].waits.push(...waits);
      result[mode].answers.push(...answers);
      result[mode].importMs.push(importMs);
    }
  }
  return result;
}

async function oneImport(file: string, now: number, withReaders: boolean): Promise<{ waits: number[]; answers: number[]; importMs: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nextcall-bench-read-import-'));
  const core = openCore({ dataDir, clock: { now: () => now }, prefs: preferenceStore(memoryFile()) });
  try {
    const dispatch = createDispatcher(createHandlers(core), console.error, withReaders ? { readers: () => createReaders(core) } : {});
    await dispatch('leads.import', { fileName: 'webinar.csv', data: Buffer.from(SEED).toString('base64') });
    const found = await dispatch('leads.search', { query: 'Bob Stone' });
    if (!found.ok) throw new Error(found.error.message);
    const leadId = (found.value as { hits: { lead: { id: number } }[] }).hits[0]!.lead.id;

    const waits: Promise<[wait: number, answer: number]>[] = [];
    const started = performance.now();
    let importing = true;
    let asked = 0;
    // Every read that fell due since the last turn of the event loop is asked now, timed from when it was due.
    const ask = () => {
      for (; started + asked * EVERY_MS <= performance.now(); asked++) {
        const due = started + asked * EVERY_MS;
        const called = performance.now();
        const read = asked % 2 === 0 ? dispatch('leads.search', { query: 'Stone' }) : dispatch('leads.get', { leadId });
        waits.push(
          read.then((answer) => {
            if (!answer.ok) throw new Error(answer.error.message);
            const at = performance.now();
            return [at - due, at - called];
          }),
        );
      }
      if (importing) timer = setTimeout(ask, EVERY_MS / 4);
    };
    let timer = setTimeout(ask, 0);
    const report = await dispatch('leads.import', { fileName: 'big.csv', data: file });
    const importMs = performance.now() - started;
    importing = false;
    clearTimeout(timer);
    if (!report.ok) throw new Error(report.error.message);
    const timed = await Promise.all(waits);
    return { waits: timed.map(([wait]) => wait), answers: timed.map(([, answer]) => answer), importMs };
  } finally {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

/** The two ways side by side, as a Markdown table. */
export function readDuringImportTable(bench: ReadDuringImport): string {
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const line = (name: string, mode: Mode) =>
    `| ${name} | ${mode.waits.length} | ${ms(median(mode.waits))} | ${ms(Math.max(...mode.waits))} | ${ms(median(mode.answers))} | ${ms(Math.max(...mode.answers))} | ${mode.importMs.map((t) => `${(t / 1000).toFixed(2)} s`).join(', ')} |`;
  return [
    `| a read during a ${bench.rows.toLocaleString('en-US')}-row import (search or card, due every ${EVERY_MS} ms) | reads | median wait | max wait | median call → answer | max call → answer | import time, each round |`,
    '|---|---|---|---|---|---|---|',
    line('one line (before: every call in turn)', bench.oneLine),
    line('readers (read-only connection)', bench.readers),
  ].join('\n');
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const rows = Number(process.argv[2] ?? 100_000);
  console.log(readDuringImportTable(await benchReadDuringImport(rows, Date.parse('2026-11-23T15:00:00Z'))));
}
