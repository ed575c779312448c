import { writeFileSync } from 'node:fs';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { performance } from 'node:perf_hooks';
import { STORE_FILE } from '../../main/data-dir.ts';
import { writeExportFile } from '../../main/leads/export-file.ts';
import { exportLeads, leadExport, type ExportFormat } from '../../main/leads/export-leads.ts';
import { openDatabase } from '../../main/store/database.ts';

/**
 * One lead-export scenario in a process of its own, so its peak memory is its own:
 *   stream    the export as it runs: read from a snapshot, written to a file piece by piece;
 *   whole     the baseline: the whole file built in memory as one string, then written;
 *   read      the floor: the same rows only read from the store, nothing formatted or written.
 * Prints one JSON line: { ms, peakRssMb, leads, bytes } or { error } when it could not finish.
 */
const [mode, format, dataDir, outDir] = process.argv.slice(2) as [string, ExportFormat, string, string];
if (!mode || !format || !dataDir || !outDir) throw new Error('usage: export-scenario.ts stream|whole|read csv|json DATA_DIR OUT_DIR');
const db = openDatabase(join(dataDir, STORE_FILE));
const out = join(outDir, `${mode}.${format}`);
const t0 = performance.now();
let leads = 0;
let bytes = 0;
let error: string | undefined;
try {
  if (mode === 'stream') {
    const file = leadExport(db, format);
    await writeExportFile(out, file.chunks());
    leads = file.leads;
    bytes = statSync(out).size;
  } else if (mode === 'whole') {
    const { content } = exportLeads(db, format);
    writeFileSync(out, content);
    leads = (db.prepare('SELECT count(*) AS n FROM leads').get() as { n: number }).n;
    bytes = statSync(out).size;
  } else if (mode === 'read') {
    const reader = new DatabaseSync(join(dataDir, STORE_FILE), { readOnly: true });
    for (const _ of reader.prepare('SELECT * FROM leads ORDER BY id').iterate()) leads++;
    reader.close();
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
} catch (e) {
  error = `${(e as Error).name}: ${(e as Error).message}`;
}
const ms = performance.now() - t0;
db.close();
console.log(JSON.stringify({ ms, peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024), leads, bytes, ...(error ? { error } : {}) }));
