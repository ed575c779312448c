import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCore } from '../../main/core.ts';
import { scanLeads, searchLeads } from '../../main/leads/lead-search.ts';
import { memoryFile, preferenceStore } from '../../main/preferences/preferences.ts';
import { fillSyntheticStore } from './synthetic-store.ts';

/**
 * Finding a lead at 100,000 leads (budget: p95 < 50 ms): names, companies, emails and numbers
 * as a rep types them (a full name, a surname, a company's first word, an email, a number in
 * four formats, its last four digits), through the indexes, beside the same questions answered
 * by reading every lead (LIKE over names and numbers) on the same store in the same run.
 */
const FIRST = ['Mia', 'Olivia', 'Hannah', 'Noah', 'Liam', 'Zoë', 'Lucas', 'Amara', 'Kenji', 'Sofia', 'Mateo', 'Priya', 'Chloé', 'Omar', 'Ingrid'];
const LAST = ['Okafor', 'Martin', "O'Brien", 'Nguyen', 'Müller', 'García', 'Kowalski', 'Tanaka', 'Rossi', 'Dubois', 'Haddad', 'Larsen', 'Singh', 'Moreau', 'Fischer', 'Novak', 'Costa'];
const COMPANY = ['Orbit Telecom', 'Helios Solar', 'Juniper Retail', 'Northwind Traders', 'Blue Harbor Bank', 'Cedar Health', 'Atlas Logistics', 'Pioneer Foods'];

export interface SearchBench {
  leads: number;
  ours: number[];
  baseline: number[];
}

export async function benchLeadSearch(leads: number, now: number, queries = 300, baselineQueries = 30): Promise<SearchBench> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nextcall-bench-search-'));
  const core = openCore({ dataDir, clock: { now: () => now }, prefs: preferenceStore(memoryFile()) });
  try {
    fillSyntheticStore(core.db, leads, now);
    // Realistic words (the synthetic store names every lead "Lead #n"); the triggers index them.
    const rename = core.db.prepare('UPDATE leads SET first_name = ?, last_name = ?, company = ?, email = ? WHERE id = ?');
    core.db.exec('BEGIN');
    for (let id = 1; id <= leads; id++) {
      const first = FIRST[id % FIRST.length]!;
      const last = `${LAST[(id * 7) % LAST.length]}${id % 5 === 0 ? '' : `-${id % 997}`}`;
      const company = `${COMPANY[(id * 3) % COMPANY.length]} ${Math.floor(id / 40)}`;
      rename.run(first, last, company, `${first.toLowerCase()}.${id}@${company.toLowerCase().replace(/\W+/g, '')}.example`, id);
    }
    core.db.exec('COMMIT');

    let seed = 7;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const sample = (): string => {
      const id = 1 + Math.floor(random() * leads);
      const lead = core.db.prepare('SELECT first_name, last_name, company, email FROM leads WHERE id = ?').get(id) as Record<string, string>;
      const e164 = (core.db.prepare('SELECT e164 FROM phones WHERE lead_id = ?').get(id) as { e164: string }).e164;
      const national = e164.startsWith('+1') ? `(${e164.slice(2, 5)}) ${e164.slice(5, 8)}-${e164.slice(8)}` : e164;
      const forms = [
        `${lead.first_name} ${lead.last_name}`,
        lead.last_name!,
        lead.company!.split(' ')[0]!,
        lead.email!,
        national,
        e164.replace(/^\+1/, ''),
        `+1 ${e164.slice(2, 5)} ${e164.slice(5, 8)} ${e164.slice(8)}`,
        e164,
        e164.slice(-4),
      ];
      return forms[Math.floor(random() * forms.length)]!;
    };
    const asked = Array.from({ length: queries }, sample);
    const ours: number[] = [];
    for (const q of asked) {
      const t = performance.now();
      await searchLeads(core.store, q, { limit: 20, defaultCountry: 'US' });
      ours.push(performance.now() - t);
    }
    const baseline = asked.slice(0, baselineQueries).map((q) => {
      const t = performance.now();
      scanLeads(core.db, q, 20);
      return performance.now() - t;
    });
    return { leads, ours, baseline };
  } finally {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const leads = Number(process.env.BENCH_SEARCH_LEADS ?? 100_000);
  const { ours, baseline } = await benchLeadSearch(leads, Date.parse('2026-11-23T15:00:00Z'));
  const p = (s: number[], q: number) => [...s].sort((a, b) => a - b)[Math.min(s.length - 1, Math.ceil((q / 100) * s.length) - 1)]!.toFixed(2);
  console.log(`lead search, ${leads} leads: p50 ${p(ours, 50)} ms, p95 ${p(ours, 95)} ms (${ours.length}); full scan p50 ${p(baseline, 50)} ms, p95 ${p(baseline, 95)} ms (${baseline.length})`);
}
