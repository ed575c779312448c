import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { csvRecords, decodeCsv } from '../../main/csv/csv-read.ts';
import { importLeads, importLeadsOnStore } from '../../main/leads/import-leads.ts';
import { deferIndexes } from '../../main/leads/import-deferred-indexes.ts';
import { deferSearchIndex } from '../../main/leads/import-search-index.ts';
import { openDatabase } from '../../main/store/database.ts';
import { STORE_FILE } from '../../main/data-dir.ts';
import { sqliteStore } from '../../main/store/seam/sqlite-store.ts';

/**
 * One import scenario in a process of its own, so its peak memory is its own:
 *   parse   the file only decoded and parsed (the floor for reading);
 *   insert  the same rows only inserted, as they are, in one transaction (the floor for writing;
 *           the rows are read before the clock starts);
 *   import  the real import (mapping, numbers, zones, duplicates, undo log, queue columns);
 *   import-worker  the same, the file read in a worker thread while the main thread writes (does it pay?);
 *   import-seam  the same, written by the seam's async writer (the one PostgreSQL uses) on the same SQLite store:
 *           does the tuned synchronous writer still earn its place?
 * Prints one JSON line: { ms, cpuMs, peakRssMb, rows }: cpuMs is the process's CPU time (every thread) over
 * the same span as ms, which a shared machine's load stretches less than the wall time.
 */
const [mode, file, dataDir] = process.argv.slice(2);
if (!mode || !file || !dataDir) throw new Error('usage: import-scenario.ts parse|insert|import|import-worker|import-seam FILE DATA_DIR');
const NOW = Date.parse('2026-11-23T15:00:00Z');
const bytes = readFileSync(file);
let rows = 0;
let ms: number;
let cpuMs: number;
let cpu: NodeJS.CpuUsage;
const cpuSince = (start: NodeJS.CpuUsage) => {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
};

if (mode === 'parse') {
  const t0 = performance.now();
  cpu = process.cpuUsage();
  for await (const _ of csvRecords(decodeCsv(bytes), 'bench.csv')) rows++;
  ms = performance.now() - t0;
  cpuMs = cpuSince(cpu);
} else if (mode === 'insert') {
  const records: string[][] = [];
  for await (const { fields } of csvRecords(decodeCsv(bytes), 'bench.csv')) records.push(fields);
  records.shift();
  const db = openDatabase(join(dataDir, STORE_FILE));
  const t0 = performance.now();
  cpu = process.cpuUsage();
  db.exec('BEGIN');
  // The cheapest way known to land these rows, full-text and secondary indexes included: written
  // once at the end (import-search-index.ts, import-deferred-indexes.ts), as the import into an empty store does.
  const batchId = db.prepare("INSERT INTO import_batches (file_name, imported_at) VALUES ('bench.csv', ?)").run(NOW).lastInsertRowid;
  const searchIndex = deferSearchIndex(db, Number(batchId));
  const indexes = deferIndexes(db, records.length, true);
  const insertLead = db.prepare(
    'INSERT INTO leads (crm_id, first_name, last_name, email, company, title, stage, created_at, import_batch_id) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const insertPhone = db.prepare("INSERT INTO phones (lead_id, position, raw, type) VALUES (?, 0, ?, 'work')");
  for (const r of records) {
    const id = insertLead.run(r[0] ?? null, r[1] ?? '', r[2] ?? '', r[3] ?? null, r[6] ?? null, r[7] ?? null, 'IQL', NOW, batchId).lastInsertRowid;
    insertPhone.run(id, r[4] ?? '');
    rows++;
  }
  indexes.finish();
  searchIndex.finish();
  db.exec('COMMIT');
  ms = performance.now() - t0;
  cpuMs = cpuSince(cpu);
  db.close();
} else if (mode === 'import' || mode === 'import-worker') {
  const db = openDatabase(join(dataDir, STORE_FILE));
  const t0 = performance.now();
  cpu = process.cpuUsage();
  const report = await importLeads(db, { now: () => NOW }, bytes, { fileName: 'bench.csv', defaultCountry: 'US', readInWorker: mode === 'import-worker' });
  ms = performance.now() - t0;
  cpuMs = cpuSince(cpu);
  rows = report.rowsRead;
  db.close();
} else if (mode === 'import-seam') {
  const db = openDatabase(join(dataDir, STORE_FILE));
  const t0 = performance.now();
  cpu = process.cpuUsage();
  const report = await importLeadsOnStore(sqliteStore(db), { now: () => NOW }, bytes, { fileName: 'bench.csv', defaultCountry: 'US' });
  ms = performance.now() - t0;
  cpuMs = cpuSince(cpu);
  rows = report.rowsRead;
  db.close();
} else {
  throw new Error(`unknown mode ${mode}`);
}

console.log(JSON.stringify({ ms, cpuMs, rows, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) }));
