import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { openCore } from '../../main/core.ts';
import { floorView } from '../../main/floor/floor-view.ts';
import { memoryFile, preferenceStore } from '../../main/preferences/preferences.ts';
import { DEFAULT_QUEUE_RULES } from '../../shared/queue-rules.ts';
import { fillSyntheticStore } from './synthetic-store.ts';

/**
 * One read of the live floor at 100,000 leads, on a busy day: 20 reps in session (some on a call,
 * some paused), 6,000 calls since midnight, 400 requests for a call, 300 callbacks. The floor reads
 * whole on every change (at most once a second per open floor), and calls are served one at a
 * time, so its p95 is also the longest a rep's disposition may wait behind it. Beside the floor of
 * what it cannot avoid: reading today's calls and counting the leads, on the same store.
 */
export interface FloorBench {
  leads: number;
  ours: number[];
  floor: number[];
}

const HOUR = 3_600_000;
const CODES = [
  ['no-answer', 'No answer', 'IQL'],
  ['voicemail', 'Left voicemail', 'IQL'],
  ['busy', 'Busy', 'IQL'],
  ['wrong-person', 'Wrong person', 'IQL'],
  ['interested-not-yet', 'Interested — not yet', 'MQL'],
  ['qualified', 'Qualified', 'SQL'],
] as const;

export async function benchFloor(leads: number, now: number, reads = 30): Promise<FloorBench> {
  const dataDir = mkdtempSync(join(tmpdir(), 'nextcall-bench-floor-'));
  const core = openCore({ dataDir, clock: { now: () => now }, prefs: preferenceStore(memoryFile()) });
  try {
    const { db } = core;
    fillSyntheticStore(db, leads, now);
    const midnight = now - 10 * HOUR; // 10:00 in New York
    db.exec('BEGIN');
    const session = db.prepare('INSERT INTO sessions (console_id, rep, started_at, paused_at) VALUES (?, ?, ?, ?)');
    const dial = db.prepare("INSERT INTO dials (lead_id, phone_e164, at, console_id) VALUES (?, '+12125550100', ?, ?)");
    for (let r = 0; r < 20; r++) {
      session.run(`console-${r}`, `Rep ${r}`, midnight + 8 * HOUR, r % 5 === 0 ? now - 5 * 60_000 : null);
      if (r % 3 === 0) dial.run(1 + r, now - 60_000, `console-${r}`);
    }
    const call = db.prepare(
      `INSERT INTO calls (lead_id, disposition_code, disposition_label, started_at, ended_at, stage_before, stage_after, rep, answers)
       VALUES (?, ?, ?, ?, ?, 'IQL', ?, ?, ?)`,
    );
    for (let i = 0; i < 6_000; i++) {
      const [code, label, stage] = CODES[i % CODES.length]!;
      const at = midnight + 8 * HOUR + i * 300;
      call.run(1 + ((i * 7) % leads), code, label, at, at + 60_000, stage, `Rep ${i % 20}`, i % 4 === 0 ? '{"need":"x"}' : null);
    }
    const request = db.prepare("INSERT INTO activities (lead_id, type, title, occurred_at) VALUES (?, 'call-request', 'Contact sales', ?)");
    for (let i = 0; i < 400; i++) request.run(1 + ((i * 13) % leads), midnight + 7 * HOUR + i * 5_000);
    const callback = db.prepare('INSERT INTO callbacks (lead_id, due_at) VALUES (?, ?)');
    for (let i = 0; i < 300; i++) callback.run(1 + ((i * 17) % leads), midnight + i * 4 * 60_000);
    db.exec('COMMIT');

    const ours: number[] = [];
    const floor: number[] = [];
    for (let i = 0; i < reads; i++) {
      const t0 = performance.now();
      await floorView(core.store, { now, timeZone: 'America/New_York', roster: { kind: 'solo', rep: 'Rep 0' }, rules: DEFAULT_QUEUE_RULES });
      ours.push(performance.now() - t0);
      const t1 = performance.now();
      db.prepare('SELECT * FROM calls WHERE started_at >= ?').all(midnight);
      db.prepare('SELECT count(*) FROM leads').get();
      floor.push(performance.now() - t1);
    }
    return { leads, ours, floor };
  } finally {
    core.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
