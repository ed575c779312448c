import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createAccount } from '../../main/people/accounts.ts';
import { openDatabase } from '../../main/store/database.ts';
import { migratePostgres } from '../../main/store/postgres-migrations.ts';
import { openPostgresStore } from '../../main/store/seam/postgres-store.ts';
import { seedStore } from '../../main/store-seed.ts';
import { openRepStore } from '../../main/team/rep-store-file.ts';
import { repStoreContents } from '../../main/team/rep-store-contents.ts';
import { uploadStore } from '../../main/team/store-upload.ts';
import { startPostgresCluster } from '../helpers/postgres-cluster.ts';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

/**
 * `npm exec -- node test/bench/upload-bench.ts`: a rep's store of BENCH_UPLOAD_LEADS leads
 * (default 10,000; each with a number, an activity and two calls, every fifth with a stage change
 * and a callback) uploaded into a throw-away PostgreSQL that already holds half of them (merged,
 * not duplicated). Prints the time to read the store alone (the floor), the dry run, the upload,
 * and the same upload again (nothing to add).
 */
const LEADS = Number(process.env.BENCH_UPLOAD_LEADS ?? 10_000);
const NOW = Date.parse('2026-11-23T15:00:00Z');
const DAY = 86_400_000;

const folder = mkdtempSync(join(tmpdir(), 'nextcall-upload-bench-'));
const cluster = await startPostgresCluster();
try {
  const file = join(folder, 'nextcall.sqlite');
  const db = openDatabase(file);
  db.exec('BEGIN');
  const lead = db.prepare("INSERT INTO leads (first_name, last_name, email, stage, time_zone, created_at, attempts, last_attempt_at, last_disposition) VALUES (?, ?, ?, 'MQL', 'America/New_York', ?, 2, ?, 'No answer') RETURNING id");
  const phone = db.prepare("INSERT INTO phones (lead_id, position, raw, e164, type) VALUES (?, 0, ?, ?, 'work')");
  const activity = db.prepare("INSERT INTO activities (lead_id, type, title, occurred_at) VALUES (?, 'download', 'Pricing guide', ?)");
  const call = db.prepare(
    "INSERT INTO calls (lead_id, phone_e164, disposition_code, disposition_label, notes, started_at, ended_at, stage_before, stage_after, rep) VALUES (?, ?, ?, ?, 'spoke briefly', ?, ?, 'MQL', ?, 'jo') RETURNING id",
  );
  const history = db.prepare("INSERT INTO stage_history (lead_id, from_stage, to_stage, reason, call_id, at, rep) VALUES (?, 'MQL', 'nurture', 'Not interested', ?, ?, 'jo')");
  const callback = db.prepare('INSERT INTO callbacks (lead_id, due_at, set_by_call_id) VALUES (?, ?, ?)');
  for (let i = 0; i < LEADS; i++) {
    const e164 = `+1646${String(5_000_000 + i)}`;
    const { id } = lead.get(`Lead${i}`, 'Bench', `lead${i}@example.com`, NOW - 30 * DAY, NOW - DAY) as { id: number };
    phone.run(id, e164, e164);
    activity.run(id, NOW - 20 * DAY);
    call.run(id, e164, 'no-answer', 'No answer', NOW - 2 * DAY, NOW - 2 * DAY + 30_000, 'MQL');
    const last = call.get(id, e164, 'no-answer', 'No answer', NOW - DAY, NOW - DAY + 30_000, 'MQL') as { id: number };
    if (i % 5 === 0) {
      history.run(id, last.id, NOW - DAY);
      callback.run(id, NOW + (i % 7) * DAY, last.id);
    }
  }
  db.exec('COMMIT');
  db.close();

  const team = await openPostgresStore({ connectionString: await cluster.createDatabase(), max: 2 });
  await migratePostgres(team);
  await seedStore(team, NOW);
  await createAccount(team, NOW, { name: 'jordan', role: 'rep', password: 'a long passphrase' });
  // Half the leads are already the team's (by email): merged, not made again.
  await team.transaction(async (tx) => {
    for (let i = 0; i < LEADS; i += 2) {
      const { id } = (await tx.one<{ id: number }>("INSERT INTO leads (first_name, email, stage, created_at) VALUES (?, ?, 'IQL', ?) RETURNING id", [`Lead${i}`, `lead${i}@example.com`, NOW - 40 * DAY]))!;
      await tx.run("INSERT INTO phones (lead_id, position, raw, e164, type) VALUES (?, 0, ?, ?, 'work')", [id, `+1917${String(5_000_000 + i)}`, `+1917${String(5_000_000 + i)}`]);
    }
  });

  const time = async <T>(label: string, work: () => Promise<T> | T): Promise<T> => {
    const started = performance.now();
    const result = await work();
    console.log(`${label}: ${((performance.now() - started) / 1000).toFixed(2)} s`);
    return result;
  };
  const rep = openRepStore(file);
  const contents = await time(`read the rep's store alone (${LEADS.toLocaleString('en-US')} leads)`, () => repStoreContents(rep.db));
  console.log(`  ${contents.leads.reduce((n, l) => n + l.calls.length, 0).toLocaleString('en-US')} calls in it`);
  const upload = (dryRun: boolean) => uploadStore(team, rep.db, { as: 'jordan', dryRun });
  const dry = await time('dry run', () => upload(true));
  const real = await time('upload', () => upload(false));
  const again = await time('the same upload again', () => upload(false));
  for (const [label, r] of [['dry run', dry], ['upload', real], ['again', again]] as const) {
    console.log(`  ${label}: leads ${r.leads.created} created, ${r.leads.merged} merged; calls ${r.calls.added} added, ${r.calls.alreadyInTeam} already there; callbacks ${r.callbacks.added} added`);
  }
  rep.close();
  await team.close();
} finally {
  cluster.stop();
  rmSync(folder, { recursive: true, force: true });
}
