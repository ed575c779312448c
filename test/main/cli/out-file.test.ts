import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { outProblem, writeOutFile } from '../../../main/cli/out-file.ts';
import { DEMO_FIXTURE, tempDir } from '../../helpers/test-core.ts';

const CLI = fileURLToPath(new URL('../../../main/cli/index.ts', import.meta.url));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every command that takes --out, with what it needs besides. */
function commandsWithOut(dataDir: string, summary: string): string[][] {
  return [
    ['export', 'leads'],
    ['export', 'leads', '--format', 'json'],
    ['rejected-rows', '1'],
    ['scripts', 'export', 'bant'],
    ['handoffs'],
    ['summary', '--from', '2026-11-23', '--to', '2026-11-23', '--tz', 'UTC'],
    ['summary', '--from', '2026-11-23', '--to', '2026-11-23', '--tz', 'UTC', '--format', 'csv'],
    ['team-summary', summary],
  ].map((args) => [...args, '--data-dir', dataDir]);
}

describe('--out to a place that cannot be written', () => {
  it('is a sentence and exit code 1 for every command that takes --out, never a stack trace', () => {
    const dataDir = tempDir();
    const badCsv = join(dataDir, 'with-a-bad-row.csv');
    writeFileSync(badCsv, 'Record ID,Name,Phone\n1,Ada,+12125550100\n2,No Phone,\n');
    expect(cli('import', badCsv, '--data-dir', dataDir).code).toBe(0);
    const summary = join(dataDir, 'ana.json');
    expect(cli('summary', '--from', '2026-11-23', '--to', '2026-11-23', '--tz', 'UTC', '--out', summary, '--data-dir', dataDir).code).toBe(0);
    const aFile = join(dataDir, 'a-file.txt');
    writeFileSync(aFile, 'keep me');

    const places: [string, RegExp][] = [
      [join(dataDir, 'no-such-folder', 'out.csv'), /^Cannot write .*out\.csv: the folder .*no-such-folder does not exist\. Create it first, or choose another --out\.\n$/],
      [dataDir, /^Cannot write .*: it is a folder\. Give a file name, e\.g\. --out .*export\.csv\.\n$/],
      [join(aFile, 'out.csv'), /^Cannot write .*out\.csv: .*a-file\.txt is a file, not a folder\. Choose another --out\.\n$/],
    ];
    // Every command meets the missing folder; the other places are tried on the export (they share the writer).
    const cases = [...commandsWithOut(dataDir, summary).map((args) => [args, places[0]!] as const), ...places.slice(1).map((place) => [commandsWithOut(dataDir, summary)[0]!, place] as const)];
    for (const [args, [out, sentence]] of cases) {
      const result = cli(...args, '--out', out);
      expect(result, `${args.join(' ')} --out ${out}`).toMatchObject({ code: 1, stdout: '', stderr: expect.stringMatching(sentence) });
    }
    expect(readFileSync(aFile, 'utf8')).toBe('keep me');
  }, 180_000);

  it('names a read-only folder, a read-only disk and a full disk in words', () => {
    // Run as root, the tests cannot make a folder unwritable; the errors the system gives are named here.
    const error = (code: string) => Object.assign(new Error(`${code}: raw`), { code });
    expect(outProblem('/srv/x.csv', error('EACCES'))).toBe('Cannot write /srv/x.csv: no permission to write in that folder. Choose another --out.');
    expect(outProblem('/srv/x.csv', error('EROFS'))).toBe('Cannot write /srv/x.csv: that disk is read-only. Choose another --out.');
    expect(outProblem('/srv/x.csv', error('ENOSPC'))).toMatch(/the disk is full/);
  });

  it('leaves the last good file in place, and no partial file, when an export fails midway', async () => {
    const dir = tempDir();
    const out = join(dir, 'leads.csv');
    writeFileSync(out, 'yesterday’s export');
    function* failing() {
      yield 'Record ID\r\n';
      throw Object.assign(new Error('disk gone'), { code: 'EIO' });
    }
    await expect(writeOutFile(out, failing())).rejects.toThrow(/^Cannot write .*leads\.csv: disk gone\.$/);
    expect(readFileSync(out, 'utf8')).toBe('yesterday’s export');
    expect(readdirSync(dir)).toEqual(['leads.csv']);
  });
});

describe('export leads --out', () => {
  it('writes the whole file and says how many leads it holds', () => {
    const dataDir = tempDir();
    cli('import', fileURLToPath(DEMO_FIXTURE), '--data-dir', dataDir);
    mkdirSync(join(dataDir, 'exports'));
    const out = join(dataDir, 'exports', 'leads.json');
    const result = cli('export', 'leads', '--format', 'json', '--out', out, '--data-dir', dataDir);
    expect(result).toMatchObject({ code: 0, stderr: `Written to ${out} (300 leads)\n` });
    const json = JSON.parse(readFileSync(out, 'utf8')) as { leads: unknown[] };
    expect(json.leads).toHaveLength(300);
    expect(cli('export', 'leads', '--data-dir', dataDir).stdout.trimEnd().split('\r\n')).toHaveLength(301);
  });
});
