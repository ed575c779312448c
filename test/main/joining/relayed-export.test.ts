import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../../../shared/api-error.ts';
import { createDispatcher } from '../../../main/api/dispatch.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import { joinedDispatch } from '../../../main/joining/joined-dispatch.ts';
import { membership } from '../../../main/joining/membership.ts';
import { safeFileName } from '../../../main/joining/relayed-export.ts';
import { writeExportFile } from '../../../main/leads/export-file.ts';
import type { ExportSink, LeadExport } from '../../../main/leads/export-leads.ts';
import { signedInTeam, stopTeam, TEAM_PASSWORD } from '../../helpers/team-fixture.ts';
import type { TeamServerProcess } from '../../helpers/team-server-process.ts';
import { seedLeads } from '../../helpers/seed-leads.ts';
import { tempDir, testCore } from '../../helpers/test-core.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';

/**
 * A joined desktop console's lead export: the team server answers with the file itself (it has no
 * save dialog); main hands it to the desktop's save dialog, as a solo export, and the page hears
 * where it was saved. Here the dialog is a sink that "chooses" a file in a temp folder.
 */
const cluster = usePostgresCluster();
const running: TeamServerProcess[] = [];
let fake: Server | null = null;
afterEach(async () => {
  await stopTeam(running.splice(0));
  await new Promise((resolve) => (fake ? fake.close(resolve) : resolve(null)));
  fake = null;
});

/** The save dialog, as the tests drive it: the rep picks `dir/<suggested name>`, or cancels. */
function dialogSink(dir: string, choice: 'save' | 'cancel' = 'save') {
  const offered: LeadExport[] = [];
  const sink: ExportSink = async (file) => {
    offered.push(file);
    if (choice === 'cancel') return { kind: 'cancelled' };
    const path = join(dir, file.fileName);
    // A test that fails writes nowhere but its own folder.
    if (dirname(path) !== dir) throw new Error(`${path} is not in ${dir}`);
    await writeExportFile(path, file.chunks());
    return { kind: 'saved', path, leads: file.leads };
  };
  return { sink, offered };
}

const joinedConsole = (address: string, saveExport?: ExportSink) => {
  const core = testCore();
  const dispatch = joinedDispatch(createDispatcher(createHandlers(core)), membership(core.prefs), { saveExport });
  return { dispatch, join: () => dispatch('teamServer.join', { address }) };
};

describe('a lead export on a joined desktop console', () => {
  it('is saved where the team lead chooses, byte for byte what the team server exported; the page gets "saved", not the file', async () => {
    const { servers, call } = await signedInTeam(await cluster().createDatabase(), {
      people: [['sam', 'team-lead']],
      seed: async (store) =>
        void (await seedLeads(store, [
          { firstName: 'Mia', lastName: 'Chen', stage: 'MQL', phones: ['+14155550101'] },
          { firstName: 'Léa', lastName: 'Dubois, "Jr"', stage: 'SQL', phones: ['+14155550102'] },
        ])),
    });
    running.push(...servers);
    const served = await call<{ kind: string; file: { fileName: string; content: string } }>('sam', 'leads.export', { format: 'csv' });
    expect(served.value.kind).toBe('file');

    const dir = tempDir();
    const dialog = dialogSink(dir);
    const desk = joinedConsole(servers[0]!.origin, dialog.sink);
    await desk.join();
    await desk.dispatch('people.signIn', { name: 'sam', password: TEAM_PASSWORD });
    const answer = await desk.dispatch('leads.export', { format: 'csv' });
    const path = join(dir, served.value.file.fileName);
    expect(answer).toEqual({ ok: true, value: { kind: 'saved', path, leads: 2 } });
    expect(dialog.offered.map((f) => f.fileName)).toEqual(['nextcall-leads.csv']);
    expect(readFileSync(path, 'utf8')).toBe(served.value.file.content);
    expect(readFileSync(path, 'utf8')).toContain('Dubois');

    // Closing the dialog saves nothing and says nothing.
    const closing = joinedConsole(servers[0]!.origin, dialogSink(tempDir(), 'cancel').sink);
    await closing.join();
    await closing.dispatch('people.signIn', { name: 'sam', password: TEAM_PASSWORD });
    expect(await closing.dispatch('leads.export', { format: 'json' })).toEqual({ ok: true, value: { kind: 'cancelled' } });
  });

  /** A team server (or what claims to be one) answering leads.export with `fileName`. */
  async function serverNaming(fileName: string): Promise<string> {
    fake = createServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ ok: true, value: { kind: 'file', file: { fileName, mimeType: 'text/csv', content: 'Record ID\r\n' }, leads: 0 } }));
    });
    await new Promise<void>((resolve) => fake!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(fake.address() as AddressInfo).port}`;
  }

  /** A desktop console joined to a server that names its export `fileName`; its dialog saves in a temp folder. */
  async function joinedTo(fileName: string) {
    const dir = tempDir();
    const dialog = dialogSink(dir);
    const desk = joinedConsole(await serverNaming(fileName), dialog.sink);
    await desk.join();
    return { dir, dialog, desk };
  }

  /** What the dialog suggests for each name the server might give, `format` asked for. */
  const expectSuggested = (format: 'csv' | 'json', names: [server: string, suggested: string][]) => {
    for (const [name, suggested] of names) expect(safeFileName(name, format)).toBe(suggested);
  };

  it('uses nothing the server names as a path: a name with ../ or a folder is reduced to its base name', async () => {
    const { dir, dialog, desk } = await joinedTo('../../.config/autostart/evil.csv');
    expect(await desk.dispatch('leads.export', { format: 'csv' })).toEqual({ ok: true, value: { kind: 'saved', path: join(dir, 'evil.csv'), leads: 0 } });
    expect(dialog.offered[0]!.fileName).toBe('evil.csv');

    expectSuggested('csv', [
      ['..\\..\\AppData\\evil.csv', 'evil.csv'],
      ['..', 'nextcall-export.csv'],
      ['.bashrc', 'bashrc.csv'],
      ['leads\u0000<:>.csv', 'leads.csv'],
    ]);
    expectSuggested('json', [['/', 'nextcall-export.json']]);
  });

  it('gives the file the extension and type of the format asked for, whatever the server names', async () => {
    const { dir, dialog, desk } = await joinedTo('leads.csv.exe');
    expect(await desk.dispatch('leads.export', { format: 'csv' })).toEqual({ ok: true, value: { kind: 'saved', path: join(dir, 'leads.csv.exe.csv'), leads: 0 } });
    // JSON asked for: a server answering with a .csv name (and a CSV type) still gives a .json file.
    expect(await desk.dispatch('leads.export', { format: 'json' })).toMatchObject({ ok: true, value: { kind: 'saved', path: join(dir, 'leads.csv.exe.json') } });
    // No format named: the contract's default, CSV.
    expect(await desk.dispatch('leads.export', {})).toMatchObject({ ok: true, value: { kind: 'saved', path: join(dir, 'leads.csv.exe.csv') } });
    expect(dialog.offered.map((f) => [f.fileName, f.mimeType])).toEqual([
      ['leads.csv.exe.csv', 'text/csv'],
      ['leads.csv.exe.json', 'application/json'],
      ['leads.csv.exe.csv', 'text/csv'],
    ]);

    // A .csv or .json already there is not doubled, nor is one of the other format kept.
    expectSuggested('csv', [
      ['nextcall-leads.csv', 'nextcall-leads.csv'],
      ['nextcall-leads.JSON', 'nextcall-leads.csv'],
      ['run.bat', 'run.bat.csv'],
    ]);
    expectSuggested('json', [
      ['nextcall-leads.csv', 'nextcall-leads.json'],
      ['', 'nextcall-export.json'],
    ]);
  });

  it('never suggests a name Windows keeps for a device, or one ending in dots or spaces', async () => {
    const { dir, desk } = await joinedTo('NUL');
    expect(await desk.dispatch('leads.export', { format: 'csv' })).toMatchObject({ ok: true, value: { kind: 'saved', path: join(dir, 'nextcall-NUL.csv') } });

    expectSuggested('csv', [
      ['CON', 'nextcall-CON.csv'],
      ['con.csv', 'nextcall-con.csv'],
      ['Aux.tar.csv', 'nextcall-Aux.tar.csv'],
      ['prn .csv', 'nextcall-prn.csv'],
      ['COM1', 'nextcall-COM1.csv'],
      ['lpt9.txt', 'nextcall-lpt9.txt.csv'],
      ['COM¹', 'nextcall-COM¹.csv'],
      ['CONOUT$', 'nextcall-CONOUT$.csv'],
      ['console', 'console.csv'],
      ['com10', 'com10.csv'],
      ['my-con', 'my-con.csv'],
      ['leads. . ', 'leads.csv'],
      ['leads.csv. .', 'leads.csv'],
      ['leads .csv', 'leads.csv'],
      ['. . .', 'nextcall-export.csv'],
      // At most 200 characters before the extension, none of them a trailing dot or space.
      [`${'a'.repeat(199)}.${'b'.repeat(50)}`, `${'a'.repeat(199)}.csv`],
    ]);
  });

  it('says why when the file cannot be written, and passes the file on as it was where there is no dialog (the web host)', async () => {
    const address = await serverNaming('nextcall-leads.csv');
    const failing: ExportSink = async () => {
      throw new ApiError('invalid-input', 'Cannot write /mnt/usb/nextcall-leads.csv: that disk is read-only. Choose another place to save it.');
    };
    const desk = joinedConsole(address, failing);
    await desk.join();
    expect(await desk.dispatch('leads.export', { format: 'csv' })).toEqual({
      ok: false,
      error: { code: 'invalid-input', message: 'Cannot write /mnt/usb/nextcall-leads.csv: that disk is read-only. Choose another place to save it.' },
    });

    const browser = joinedConsole(address);
    await browser.join();
    expect(await browser.dispatch('leads.export', { format: 'csv' })).toMatchObject({ ok: true, value: { kind: 'file', file: { fileName: 'nextcall-leads.csv' } } });
  });
});
