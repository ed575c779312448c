import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../main/store/database.ts';
import { checkStoreFile, StoreProblem } from '../../../main/store/store-check.ts';
import { tempDir, testCore } from '../../helpers/test-core.ts';
import { DAMAGES, damagedDataDir, readOnlyDataDir, sha } from '../../helpers/damaged-store.ts';

const CLI = fileURLToPath(new URL('../../../main/cli/index.ts', import.meta.url));
const SERVE = fileURLToPath(new URL('../../../main/web/serve.ts', import.meta.url));
const NOBODY = 65_534;

function cli(args: string[], asNobody = false) {
  // Root writes anywhere: a read-only folder is only read-only to another user.
  const user = asNobody && process.getuid?.() === 0 ? { uid: NOBODY, gid: NOBODY, cwd: '/' } : {};
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', ...user });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Starts `npm run serve`'s entry and resolves with how it ended, or 'running' once it says so. */
function serve(dataDir: string): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, [SERVE, '--data-dir', dataDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  return new Promise((resolve) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('running at')) {
        child.kill('SIGTERM');
        resolve({ code: null, output });
      }
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) => resolve({ code, output }));
  });
}

const oneSentence = (text: string) => text.trim().split('\n').length === 1 && !/\n\s+at |Error:|errcode/.test(text);

describe('a damaged store is named in one sentence, never half-served', () => {
  for (const damage of DAMAGES) {
    it(`refuses a store with ${damage}, names the file and what to do, and leaves it as it was`, () => {
      const { dataDir, file } = damagedDataDir(damage);
      const before = sha(file);
      expect(() => testCore(undefined, dataDir)).toThrow(StoreProblem);
      try {
        testCore(undefined, dataDir);
      } catch (error) {
        const { message } = error as StoreProblem;
        expect(oneSentence(message)).toBe(true);
        expect(message).toContain(`The lead store ${file} is ${damage === 'zero bytes' ? 'empty (0 bytes)' : 'damaged'}`);
        expect(message).toContain(`restore a backup with "npm run cli -- restore FILE --data-dir ${dataDir}"`);
      }
      expect(sha(file)).toBe(before);
      if (damage === 'zero bytes') expect(statSync(file).size).toBe(0);
    });
  }

  it('the CLI says it in that one sentence, without a stack trace, and exits 1', () => {
    const { dataDir, file } = damagedDataDir('bad header');
    const result = cli(['next', '--data-dir', dataDir]);
    expect(result).toMatchObject({ code: 1, stdout: '' });
    expect(oneSentence(result.stderr)).toBe(true);
    expect(result.stderr).toContain(`The lead store ${file} is damaged (SQLite says: file is not a database; its header is damaged)`);
  });

  it('names the newest backup and the command that restores it', () => {
    const { dataDir, file } = damagedDataDir('garbage in the middle');
    mkdirSync(join(dataDir, 'backups'));
    const newest = 'nextcall-2026-11-23T15-00-00-000Z-daily.sqlite';
    copyFileSync(file, join(dataDir, 'backups', 'nextcall-2026-11-22T15-00-00-000Z-start.sqlite'));
    copyFileSync(file, join(dataDir, 'backups', newest));
    expect(() => checkStoreFile(file)).toThrow(`the newest with "npm run cli -- restore ${newest} --data-dir ${dataDir}" (taken 2026-11-23 15:00 UTC`);
  });

  it('the web host does not start over a damaged store: it says why and exits, instead of answering 500 to every call', async () => {
    const { dataDir, file } = damagedDataDir('garbage in the middle');
    const before = sha(file);
    const { code, output } = await serve(dataDir);
    expect(code).toBe(1);
    expect(output).not.toContain('running at');
    expect(oneSentence(output)).toBe(true);
    expect(output).toContain(`The lead store ${file} is damaged`);
    expect(sha(file)).toBe(before);
  });

  it('the web host does not turn an empty file into a new store', async () => {
    const { dataDir, file } = damagedDataDir('zero bytes');
    const { code, output } = await serve(dataDir);
    expect(code).toBe(1);
    expect(output).toContain(`The lead store ${file} is empty (0 bytes)`);
    expect(statSync(file).size).toBe(0);
  });

  it('says a store in a read-only folder cannot be written, naming the folder', () => {
    const { dataDir, file } = readOnlyDataDir();
    try {
      const result = cli(['next', '--data-dir', dataDir], true);
      expect(result.code).toBe(1);
      expect(oneSentence(result.stderr)).toBe(true);
      expect(result.stderr).toContain(`Nextcall cannot write to its lead store ${file}: the file or its folder is read-only: give your user write permission on ${dataDir}`);
    } finally {
      chmodSync(dataDir, 0o755);
    }
  });

  it('a store file made empty after the check (to set its mode before SQLite writes it) opens as a new store', () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'nextcall.sqlite');
    const checked = checkStoreFile(file);
    expect(checked.state).toBe('new');
    writeFileSync(file, '', { mode: 0o600 });
    const db = openDatabase(file, { checked });
    expect(db.prepare('SELECT count(*) AS n FROM leads').get()).toEqual({ n: 0 });
    db.close();
  });

  it('openDatabase throws a StoreProblem, and writes nothing beside a damaged store', () => {
    const { dataDir, file } = damagedDataDir('bad header');
    expect(() => openDatabase(file)).toThrow(StoreProblem);
    expect(readdirSync(dataDir)).toEqual(['nextcall.sqlite']);
  });
});

describe('npm run cli -- check', () => {
  it('runs the full integrity check and says the store is sound, with its leads and backups', () => {
    const { dataDir } = readOnlyDataDir();
    chmodSync(dataDir, 0o755);
    chmodSync(join(dataDir, 'nextcall.sqlite'), 0o644);
    const result = cli(['check', '--data-dir', dataDir]);
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ integrityCheck: 'ok', leads: 3000, backups: { count: 0, newest: null } });
  });

  it('names a damaged store with what the check found, and exits 1', () => {
    const { dataDir, file } = damagedDataDir('garbage in the middle');
    const result = cli(['check', '--data-dir', dataDir]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`The lead store ${file} is damaged`);
    expect(existsSync(join(dataDir, 'backups'))).toBe(false);
  });
});
