import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { DEMO_FIXTURE, tempDir } from '../../helpers/test-core.ts';

const CLI = fileURLToPath(new URL('../../../main/cli/index.ts', import.meta.url));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run cli', () => {
  it('imports a CSV and prints the report as JSON', () => {
    const dataDir = tempDir();
    const result = cli('import', fileURLToPath(DEMO_FIXTURE), '--data-dir', dataDir);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ rowsRead: 300, created: 300, rejected: [] });
  });

  it('prints the next lead as JSON, on the clock it is given', () => {
    const dataDir = tempDir();
    cli('import', fileURLToPath(DEMO_FIXTURE), '--data-dir', dataDir);
    const result = cli('next', '--data-dir', dataDir, '--clock', '2026-11-23T15:00:00Z');
    expect(result.code).toBe(0);
    const next = JSON.parse(result.stdout);
    expect(next.card.lead).toMatchObject({ requestedCall: true, attempts: 0 });
    // No request in the demo list is under an hour old: the newest of those within 30 days comes first.
    expect(next.reasons).toEqual(['Asked for a call 3 d ago', 'Not called yet']);
    expect(next.tier).toBe('hand-raiser');
  });

  it('says in one sentence what is wrong with a missing file, a bad file or a bad flag, and exits 1', () => {
    const dataDir = tempDir();
    const missing = cli('import', join(dataDir, 'nope.csv'), '--data-dir', dataDir);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).toMatch(/^Cannot read .*nope\.csv/);

    const noPhones = join(dataDir, 'no-phones.csv');
    writeFileSync(noPhones, 'Name,Email\nAda,ada@example.com\n');
    const bad = cli('import', noPhones, '--data-dir', dataDir);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/no phone column/);
    expect(bad.stderr).not.toMatch(/at .*\.ts:\d+/);

    expect(cli('next', '--data-dir', dataDir, '--clock', 'teatime')).toMatchObject({ code: 1 });
    expect(cli('dance', '--data-dir', dataDir).stderr).toMatch(/Unknown command "dance"/);
  });

  it('merges reps’ summaries into a team CSV, and says why hours counted in different zones are left out', () => {
    const dataDir = tempDir();
    const summary = (name: string, ...flags: string[]) => {
      const out = join(dataDir, name);
      expect(cli('summary', '--from', '2026-11-20', '--to', '2026-11-21', '--out', out, '--data-dir', dataDir, ...flags).code).toBe(0);
      return out;
    };
    const ana = summary('ana.json', '--tz', 'America/New_York');
    const kenji = summary('kenji.json', '--tz', 'Asia/Tokyo', '--rep', 'Kenji');

    // The data folder is this test's own: the machine's default store may be another version's.
    const team = cli('team-summary', ana, kenji, '--format', 'csv', '--data-dir', dataDir);
    expect(team.code).toBe(0);
    // A summary of everyone's calls names no rep: it is shown as such, never as its file's name.
    expect(team.stdout.split('\r\n').map((line) => line.split(',')[0])).toEqual(['Rep', 'Unnamed rep', 'Kenji', 'Team', '']);
    expect(team.stderr).toContain('different zones: Unnamed rep (America/New_York), Kenji (Asia/Tokyo)');
    expect(cli('team-summary', ana, ana, '--data-dir', dataDir).stderr).toBe('');

    const notJson = join(dataDir, 'notes.json');
    writeFileSync(notJson, 'not json');
    expect(cli('team-summary', ana, notJson, '--data-dir', dataDir)).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('notes.json is not JSON') });

    const backwards = cli('summary', '--from', '2026-11-24', '--to', '2026-11-23', '--data-dir', dataDir);
    expect(backwards).toMatchObject({ code: 1, stderr: expect.stringContaining('is not a range of days') });
    const badZone = cli('summary', '--from', '2026-11-23', '--to', '2026-11-23', '--tz', 'Foo/Bar', '--data-dir', dataDir);
    expect(badZone).toMatchObject({ code: 1, stderr: '"Foo/Bar" is not a time zone: write one like America/New_York.\n' });
    const schema = JSON.parse(cli('summary-schema', '--data-dir', dataDir).stdout) as { title: string; required: string[] };
    expect(schema.title).toBe('Nextcall calling summary');
    expect(schema.required).toEqual(expect.arrayContaining(['schemaVersion', 'coverage', 'speedToLead', 'callsByHour']));
  });
});
