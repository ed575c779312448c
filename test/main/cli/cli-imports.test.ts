import { spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { demoLeadsCsv } from '../../../main/demo/demo-list.ts';
import { DEMO_FIXTURE, storeContents, tempDir, testCore } from '../../helpers/test-core.ts';

const CLI = fileURLToPath(new URL('../../../main/cli/index.ts', import.meta.url));
const HUBSPOT = fileURLToPath(new URL('../../fixtures/hubspot-contacts.csv', import.meta.url));
const SHIFT_JIS = fileURLToPath(new URL('../../fixtures/crm-exports/thunderbird-shiftjis__mozilla-comm-central-via-hechengjin_ExMail__shiftjis_addressbook.csv', import.meta.url));

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, json: () => JSON.parse(result.stdout) };
}

describe('npm run cli -- import', () => {
  it('takes --list, --default-country, --mapping and --dry-run', () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'sheet.csv');
    writeFileSync(file, 'Ref,Nom,Tél\nA1,Zoë Lefèvre,01 99 00 12 34\n');
    const mapping = join(dataDir, 'mapping.json');
    writeFileSync(mapping, JSON.stringify({ crmId: 'Ref', fullName: 'Nom', phone: 'Tél' }));

    const dry = cli('import', file, '--data-dir', dataDir, '--mapping', mapping, '--default-country', 'fr', '--dry-run');
    expect(dry.json()).toMatchObject({ dryRun: true, created: 1 });
    expect(cli('export', 'leads', '--data-dir', dataDir).stdout.trim().split('\r\n')).toHaveLength(1);

    const real = cli('import', file, '--data-dir', dataDir, '--mapping', mapping, '--default-country', 'FR', '--list', 'Paris');
    expect(real.json()).toMatchObject({ dryRun: false, created: 1, batchId: 1 });
    const exported = cli('export', 'leads', '--list', 'Paris', '--format', 'json', '--data-dir', dataDir).json();
    expect(exported.leads[0]).toMatchObject({ crmId: 'A1', firstName: 'Zoë', phones: [{ e164: '+33199001234' }] });
  });

  it('says what is wrong with a mapping file', () => {
    const dataDir = tempDir();
    const mapping = join(dataDir, 'mapping.json');
    writeFileSync(mapping, '{"phone": 7}');
    const result = cli('import', HUBSPOT, '--data-dir', dataDir, '--mapping', mapping);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/mapping.json is not a column mapping: phone:/);
  });

  it('previews, lists imports, gives the rejected rows, and undoes', () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'leads.csv');
    writeFileSync(file, 'Record ID,Name,Phone\n1,Ada,+12125550100\n2,No Phone,\n');
    expect(cli('preview', file, '--data-dir', dataDir).json()).toMatchObject({ encoding: 'utf-8', delimiter: ',', mapping: { crmId: 'Record ID', phone: 'Phone' } });
    cli('import', file, '--data-dir', dataDir);
    expect(cli('imports', '--data-dir', dataDir).json()).toEqual([expect.objectContaining({ id: 1, fileName: 'leads.csv', created: 1, rejected: 1 })]);

    const out = join(dataDir, 'rejected.csv');
    expect(cli('rejected-rows', '1', '--out', out, '--data-dir', dataDir).stderr).toContain(`Written to ${out}`);
    expect(readFileSync(out, 'utf8')).toBe('\uFEFFRecord ID,Name,Phone,Rejected at line,Reason\r\n2,No Phone,,3,no phone number\r\n');

    expect(cli('undo-import', '1', '--data-dir', dataDir).json()).toEqual({ batchId: 1, removed: 1, restored: 0, kept: 0 });
    expect(cli('undo-import', '1', '--data-dir', dataDir)).toMatchObject({ code: 1, stderr: 'Import #1 is already undone.\n' });
  });

  it('adds a file of activity to the leads it names', () => {
    const dataDir = tempDir();
    cli('import', fileURLToPath(DEMO_FIXTURE), '--data-dir', dataDir);
    const file = join(dataDir, 'activities.csv');
    writeFileSync(file, 'Record ID,Type,Title,Time\n100000,webinar,Webinar: BANT,2026-11-20 17:00\n');
    expect(cli('import-activities', file, '--data-dir', dataDir).json()).toEqual({ rowsRead: 1, added: 1, alreadyThere: 0, rejected: [] });
  });

  it('reads the file in the encoding --encoding names, and refuses an unknown one in a sentence, importing nothing', () => {
    const dataDir = tempDir();
    // Thunderbird's Shift_JIS address book: one row, a Japanese name, no phone (so it is rejected, by line).
    const guessed = cli('import', SHIFT_JIS, '--data-dir', dataDir, '--dry-run');
    expect(guessed.json()).toMatchObject({ encoding: 'shift_jis', rowsRead: 1, rejected: [{ line: 2, reason: 'no phone number' }] });
    expect(cli('preview', SHIFT_JIS, '--data-dir', dataDir).json().sample[0][0]).toBe('権兵衛');

    // The team lead's choice wins over the guess: read as Windows-1252, the same bytes are another name.
    const chosen = cli('import', SHIFT_JIS, '--data-dir', dataDir, '--encoding', 'windows-1252');
    expect(chosen.json()).toMatchObject({ encoding: 'windows-1252', dryRun: false, rowsRead: 1 });
    const misread = cli('preview', SHIFT_JIS, '--encoding', 'windows-1252', '--data-dir', dataDir).json();
    expect(misread).toMatchObject({ encoding: 'windows-1252' });
    expect(misread.sample[0][0]).not.toBe('権兵衛');

    const unknown = cli('import', SHIFT_JIS, '--data-dir', dataDir, '--encoding', 'klingon');
    expect(unknown).toMatchObject({
      code: 1,
      stdout: '',
      stderr: '"klingon" is not an encoding Nextcall knows: choose one such as utf-8, windows-1252 or shift_jis. Nothing was imported.\n',
    });
    expect(cli('imports', '--data-dir', dataDir).json()).toHaveLength(1);
  });

  it('refuses a flag the command does not take, with its usage line', () => {
    const refused = cli('import', HUBSPOT, '--format', 'json', '--data-dir', tempDir());
    expect(refused).toMatchObject({ code: 1, stdout: '', stderr: expect.stringContaining('import takes no --format: npm run cli -- import FILE.csv [--list NAME]') });
  });

  it('leaves the store as it was when a 10,000-row import is killed midway', async () => {
    const dataDir = tempDir();
    cli('import', HUBSPOT, '--data-dir', dataDir);
    const big = join(dataDir, 'big.csv');
    writeFileSync(big, demoLeadsCsv({ count: 10_000, now: Date.parse('2026-11-20T12:00:00Z') }));

    const child = spawn(process.execPath, [CLI, 'import', big, '--data-dir', dataDir], { stdio: ['ignore', 'pipe', 'pipe'] });
    let progress = '';
    const ended = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    await new Promise<void>((resolve) => {
      child.stderr!.on('data', (chunk: Buffer) => {
        progress += chunk.toString();
        if (/5,000 rows read/.test(progress)) {
          child.kill('SIGKILL');
          resolve();
        }
      });
    });
    expect(await ended).toEqual({ code: null, signal: 'SIGKILL' });

    const afterKill = testCore(undefined, dataDir);
    const leads = afterKill.db.prepare('SELECT count(*) AS n FROM leads').get() as { n: number };
    expect(leads.n).toBe(6);
    expect(afterKill.db.prepare('SELECT id FROM import_batches').all()).toEqual([{ id: 1 }]);

    const reference = testCore(undefined, tempDir());
    expect(storeContents(afterKill)).toEqual(storeContents(await importedHubspot(reference)));
  });
});

async function importedHubspot(core: ReturnType<typeof testCore>) {
  const { importLeads } = await import('../../../main/leads/import-leads.ts');
  await importLeads(core.db, { now: () => 0 }, readFileSync(HUBSPOT), { fileName: 'hubspot-contacts.csv', defaultCountry: 'US' });
  return core;
}

describe('npm run cli -- scripts, dispositions, handoffs', () => {
  it('validates a script with the line at fault, imports it as the active one, and lists the versions', () => {
    const dataDir = tempDir();
    const bad = join(dataDir, 'bad.yaml');
    writeFileSync(bad, 'id: x\nname: X\nopeners:\n  - say: Hi\nsteps:\n  - id: a\n    ask: A?\n    type: maybe\n');
    const invalid = cli('scripts', 'validate', bad, '--data-dir', dataDir);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/bad.yaml is not a valid script: steps.0.type \(line 8: Invalid option/);

    const good = join(dataDir, 'good.yaml');
    writeFileSync(good, 'id: x\nname: X\nopeners:\n  - say: Hi\nsteps:\n  - id: a\n    ask: A?\n    type: yes-no\n');
    expect(cli('scripts', 'validate', good, '--data-dir', dataDir).json()).toEqual({ valid: true, name: 'X' });
    expect(cli('scripts', 'import', good, '--data-dir', dataDir).json()).toMatchObject({ id: 'x', version: 1, active: true });
    expect(cli('scripts', 'list', '--data-dir', dataDir).json().filter((s: { active: boolean }) => s.active)).toEqual([expect.objectContaining({ id: 'x' })]);
  });

  it('replaces the dispositions from a file and lists them, retired ones included', () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'dispositions.json');
    writeFileSync(file, JSON.stringify([{ code: 'reached', label: 'Reached', hotkey: '1', contact: true, countsAsAttempt: true }]));
    cli('dispositions', 'import', file, '--data-dir', dataDir);
    const listed = cli('dispositions', 'list', '--data-dir', dataDir).json() as { code: string; retired: boolean }[];
    expect(listed.filter((d) => !d.retired).map((d) => d.code)).toEqual(['reached']);
    expect(listed.find((d) => d.code === 'busy')).toMatchObject({ retired: true });
  });

  it('exports the handoffs (none yet: the header alone)', () => {
    expect(cli('handoffs', '--data-dir', tempDir()).stdout).toBe('\uFEFFHanded over,Record ID,Lead,Company,Rep,Why,Criteria met,Answers,Notes\r\n');
  });
});
