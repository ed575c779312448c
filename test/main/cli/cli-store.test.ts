import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { backUpCore } from '../../../main/core.ts';
import { damagedDataDir, sha } from '../../helpers/damaged-store.ts';
import { count, demoFixture, DEMO_FIXTURE, importCsv, testCore } from '../../helpers/test-core.ts';
import { holdWriteLock } from '../../helpers/write-lock.ts';

const CLI = fileURLToPath(new URL('../../../main/cli/index.ts', import.meta.url));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function cliAsync(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** A store with the demo list, made in this process (the CLI's own runs are what is tested). */
async function demoStore() {
  const core = testCore();
  await importCsv(core, demoFixture());
  return core;
}

describe('npm run cli -- backup / restore', () => {
  it('backs up a store, and brings the backup back over a damaged store, keeping the damaged file aside', async () => {
    const source = await demoStore();
    source.close();
    const backup = cli('backup', '--data-dir', source.dataDir);
    expect(backup.code).toBe(0);
    const { file: backupFile, reason } = JSON.parse(backup.stdout) as { file: string; reason: string };
    expect(reason).toBe('manual');

    const { dataDir, file } = damagedDataDir('garbage in the middle');
    const damagedBytes = sha(file);
    const restored = cli('restore', backupFile, '--data-dir', dataDir);
    expect(restored.code).toBe(0);
    const report = JSON.parse(restored.stdout) as { keptAside: { fileName: string; damaged: boolean } };
    expect(report.keptAside).toMatchObject({ damaged: true });
    // The damaged file is kept as it was, for whoever wants to rescue something from it.
    expect(sha(join(dataDir, 'backups', report.keptAside.fileName))).toBe(damagedBytes);
    expect(JSON.parse(cli('check', '--data-dir', dataDir).stdout)).toMatchObject({ integrityCheck: 'ok', leads: 300 });
  });

  it('checks the backup before anything changes: a damaged one is refused in a sentence', async () => {
    const { file: brokenFile } = damagedDataDir('truncated');
    const target = await demoStore();
    target.close();
    const before = readdirSync(target.dataDir).sort();
    const result = cli('restore', brokenFile, '--data-dir', target.dataDir);
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toMatch(/^nextcall\.sqlite is (damaged|not a sound Nextcall store).*choose another backup\.$/);
    expect(readdirSync(target.dataDir).sort()).toEqual(before);
    expect(existsSync(join(target.dataDir, 'backups'))).toBe(false);
  });

  it('says which backups there are when restore is given none, and takes a name from that folder', async () => {
    const core = await demoStore();
    const { fileName } = await backUpCore(core, 'daily');
    core.close();
    const result = cli('restore', '--data-dir', core.dataDir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`restore needs a backup: npm run cli -- restore ${fileName} (the newest of 1 in ${join(core.dataDir, 'backups')})`);
    expect(cli('restore', fileName, '--data-dir', core.dataDir).code).toBe(0);
  });
});

describe('a second import while one is writing', () => {
  it('says the store is busy in one sentence, without a stack, and exits 1', async () => {
    const core = testCore();
    core.close();
    // Another import holds the write lock longer than the CLI waits (5 s).
    const lock = await holdWriteLock(join(core.dataDir, 'nextcall.sqlite'));
    const result = await cliAsync('import', fileURLToPath(DEMO_FIXTURE), '--data-dir', core.dataDir);
    lock.release();
    await lock.released;
    expect(result.code).toBe(1);
    expect(result.stderr.trim()).toBe(
      'The lead store is busy: another Nextcall (an import from the command line, say) is writing to it. Nothing was saved; try again in a moment.',
    );
    const after = testCore(undefined, core.dataDir);
    expect(count(after, 'leads')).toBe(0);
    expect(count(after, 'import_batches')).toBe(0);
  });
});
