import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openCore } from '../../../main/core.ts';
import { STORE_FILE } from '../../../main/data-dir.ts';
import { confPreferences } from '../../../main/preferences/conf-preferences.ts';
import { memoryFile, preferenceStore } from '../../../main/preferences/preferences.ts';
import { DEMO_FIXTURE, importCsv, manualClock, tempDir } from '../../helpers/test-core.ts';

const modeOf = (path: string) => (statSync(path).mode & 0o777).toString(8);
const CLI = fileURLToPath(new URL('../../../main/cli/index.ts', import.meta.url));

/** Everything another account on this machine could open, as [path, mode]: none is the goal. */
function openToOthers(...paths: string[]) {
  return paths.filter(existsSync).map((path) => [path, modeOf(path)]).filter(([, mode]) => !mode!.endsWith('00'));
}

// These tests only mean something under the usual umask, where fs's defaults are 0755 and 0644.
process.umask(0o022);

describe('the data folder is private to the user who runs Nextcall', () => {
  it('creates the folder 0700 and the store, its -wal and -shm files 0600', async () => {
    const dataDir = join(tempDir(), 'fresh', 'Nextcall');
    const core = openCore({ dataDir, clock: manualClock('2026-11-23T15:00:00Z'), prefs: preferenceStore(memoryFile()) });
    await importCsv(core, readFileSync(DEMO_FIXTURE));
    const store = join(dataDir, STORE_FILE);
    expect(existsSync(`${store}-wal`) && existsSync(`${store}-shm`)).toBe(true);
    expect(modeOf(dataDir)).toBe('700');
    expect(openToOthers(store, `${store}-wal`, `${store}-shm`)).toEqual([]);
    core.close();
  });

  it('keeps the preferences file 0600, through every rewrite', () => {
    const dataDir = join(tempDir(), 'Nextcall');
    const prefs = confPreferences(dataDir);
    prefs.update({ repName: 'Ana' });
    expect(modeOf(dataDir)).toBe('700');
    expect(modeOf(join(dataDir, 'preferences.json'))).toBe('600');
    chmodSync(join(dataDir, 'preferences.json'), 0o644);
    confPreferences(dataDir).update({ repName: 'Ben' });
    expect(modeOf(join(dataDir, 'preferences.json'))).toBe('600');
  });

  it('tightens a folder an older version left open on start: the store, its journal files, the preferences and backups', () => {
    const dataDir = join(tempDir(), 'Nextcall');
    mkdirSync(join(dataDir, 'backups', '2026-11'), { recursive: true, mode: 0o755 });
    chmodSync(dataDir, 0o755);
    const store = join(dataDir, STORE_FILE);
    const old = [store, `${store}-wal`, `${store}-shm`, join(dataDir, 'preferences.json'), join(dataDir, 'backups', '2026-11', 'nextcall-1.sqlite')];
    for (const file of old) writeFileSync(file, '', { mode: 0o644 });
    writeFileSync(store, ''); // an empty file is a database SQLite can open
    const core = openCore({ dataDir, clock: manualClock('2026-11-23T15:00:00Z'), prefs: preferenceStore(memoryFile()) });
    core.close();
    expect(modeOf(dataDir)).toBe('700');
    expect(modeOf(join(dataDir, 'backups'))).toBe('700');
    expect(modeOf(join(dataDir, 'backups', '2026-11'))).toBe('700');
    expect(openToOthers(...old)).toEqual([]);
  });

  it('leaves alone what is not Nextcall’s in a --data-dir (its other files, the folder’s own mode), and what a link points at', () => {
    const dataDir = tempDir();
    chmodSync(dataDir, 0o1777); // a shared folder, like /tmp
    const elsewhere = join(tempDir(), 'shared-report.csv');
    writeFileSync(elsewhere, 'x', { mode: 0o644 });
    writeFileSync(join(dataDir, 'my-notes.txt'), 'mine', { mode: 0o644 });
    mkdirSync(join(dataDir, 'backups'));
    symlinkSync(elsewhere, join(dataDir, 'backups', 'linked.csv'));
    openCore({ dataDir, clock: manualClock('2026-11-23T15:00:00Z'), prefs: preferenceStore(memoryFile()) }).close();
    expect(modeOf(join(dataDir, 'my-notes.txt'))).toBe('644');
    expect(modeOf(elsewhere)).toBe('644');
    expect((statSync(dataDir).mode & 0o7777).toString(8)).toBe('1777');
    expect(modeOf(join(dataDir, STORE_FILE))).toBe('600');
  });

  it('writes the CLI’s exports 0600, in the data folder or beside it', () => {
    const dataDir = tempDir();
    const run = (...args: string[]) => spawnSync(process.execPath, [CLI, ...args, '--data-dir', dataDir], { encoding: 'utf8' });
    expect(run('import', fileURLToPath(DEMO_FIXTURE)).status).toBe(0);
    const out = join(dataDir, 'leads.csv');
    writeFileSync(out, '', { mode: 0o644 });
    expect(run('export', 'leads', '--out', out).status).toBe(0);
    const summary = join(dataDir, 'summary.csv');
    expect(run('summary', '--from', '2026-11-20', '--to', '2026-11-21', '--format', 'csv', '--out', summary).status).toBe(0);
    expect(openToOthers(out, summary, join(dataDir, 'summary-totals.csv'))).toEqual([]);
    expect(existsSync(join(dataDir, 'summary-totals.csv'))).toBe(true);
  });
});
