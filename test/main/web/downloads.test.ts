import { request } from 'node:http';
import { join } from 'node:path';
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import { exportLeads } from '../../../main/leads/export-leads.ts';
import { createDownloads } from '../../../main/web/downloads.ts';
import { startWebHost, type WebHost } from '../../../main/web/http-host.ts';
import type { LeadExportResult } from '../../../shared/lead-export.ts';
import { csv, importCsv, tempDir, testCore } from '../../helpers/test-core.ts';

let host: WebHost | null = null;
afterEach(async () => {
  await host?.close();
  host = null;
});

async function start(now = () => Date.now()) {
  const core = testCore();
  await importCsv(core, csv('Record ID,Name,Phone,Company', '1,José Müller,+12125550100,"Acme;=2+3;Inc"', '2,Zoë,+12125550101,Beta'));
  const rendererDir = join(tempDir(), 'renderer');
  mkdirSync(rendererDir, { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>Nextcall</title>');
  const downloads = createDownloads(now);
  host = await startWebHost({ dispatch: createDispatcher(createHandlers(core, { saveExport: downloads.offer })), events: core.events, rendererDir, downloads });
  return { core, host };
}

function send(url: string, options: { method?: string; headers?: Record<string, string>; body?: string } = {}) {
  const { hostname, port, pathname } = new URL(url);
  return new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
    const req = request({ hostname, port, path: pathname, method: options.method ?? 'GET', headers: options.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

async function exportThroughApi(h: WebHost, input: unknown): Promise<LeadExportResult> {
  const response = await send(`${h.origin}/api/leads.export`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${h.token}` },
    body: JSON.stringify({ input }),
  });
  const body = JSON.parse(response.body.toString()) as { ok: true; value: LeadExportResult };
  return body.value;
}

describe('a lead export from the web host', () => {
  it('is a one-use link that streams the file as an attachment, the same bytes as the export itself', async () => {
    const { core, host } = await start();
    for (const format of ['csv', 'json'] as const) {
      const offered = await exportThroughApi(host, { format });
      expect(offered).toMatchObject({ kind: 'download', fileName: `nextcall-leads.${format}`, leads: 2, url: expect.stringMatching(/^\/download\/[\w-]{32}$/) });
      if (offered.kind !== 'download') throw new Error('not a download');
      const download = await send(`${host.origin}${offered.url}`);
      expect(download.status).toBe(200);
      expect(download.headers['content-disposition']).toBe(`attachment; filename="nextcall-leads.${format}"; filename*=UTF-8''nextcall-leads.${format}`);
      expect(download.body.toString('utf8')).toBe(exportLeads(core.db, format).content);
      // Taken once: the link is spent.
      expect((await send(`${host.origin}${offered.url}`)).status).toBe(404);
    }
  });

  it('starts a CSV with the byte-order mark Excel needs for José Müller', async () => {
    const { host } = await start();
    const offered = await exportThroughApi(host, { format: 'csv' });
    const body = (await send(`${host.origin}${offered.kind === 'download' ? offered.url : ''}`)).body;
    expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(body.toString('utf8')).toContain(',José,Müller,');
  });

  it('refuses a guessed, expired or other-host link', async () => {
    let now = Date.parse('2026-11-23T15:00:00Z');
    const { host } = await start(() => now);
    expect((await send(`${host.origin}/download/not-a-ticket`)).status).toBe(404);
    const offered = await exportThroughApi(host, { format: 'csv' });
    const url = offered.kind === 'download' ? offered.url : '';
    expect((await send(`${host.origin}${url}`, { headers: { Host: `evil.example:${new URL(host.origin).port}` } })).status).toBe(421);
    now += 61_000;
    expect((await send(`${host.origin}${url}`)).status).toBe(404);
  });
});

describe('leads.export without a shell to stream to', () => {
  it('hands over a list-sized export as the file itself, and refuses an unknown list', async () => {
    const core = testCore();
    await importCsv(core, csv('Record ID,Name,Phone', '1,Ada,+12125550100'));
    const dispatch = createDispatcher(createHandlers(core));
    expect(await dispatch('leads.export', { format: 'csv' })).toMatchObject({ ok: true, value: { kind: 'file', leads: 1, file: { fileName: 'nextcall-leads.csv' } } });
    expect(await dispatch('leads.export', { listName: 'Nope' })).toMatchObject({ ok: false, error: { code: 'not-found', message: 'There is no call list named "Nope".' } });
  });
});
