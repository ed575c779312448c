import { createServer } from 'node:http';
import { connect } from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { inboundRoute } from '../../../main/inbound/inbound-route.ts';
import { createAccount } from '../../../main/people/accounts.ts';
import { INBOUND_KEY_VARIABLE } from '../../../main/inbound/inbound-secrets.ts';
import { signatureOf } from '../../../main/inbound/inbound-signature.ts';
import { INBOUND_KEY_HEX, inboundKey, postWebhook, signedWebhook, type WebhookAnswer } from '../../helpers/inbound-team.ts';
import { createSource } from '../../../main/inbound/inbound-sources.ts';
import { migratePostgres } from '../../../main/store/postgres-migrations.ts';
import { openPostgresStore } from '../../../main/store/seam/postgres-store.ts';
import type { Store } from '../../../main/store/seam/store.ts';
import { cookieOf, eventStream, startTeamServer, teamRequest, within, type TeamServerProcess } from '../../helpers/team-server-process.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';

/**
 * Webhooks sent to real team server processes on a real PostgreSQL, as a sender would: raw
 * bytes, signed with openssl's recipe (HMAC-SHA256 of "timestamp.body"). Each refusal is checked
 * for its status, its sentence, its line in the log, and for writing nothing else.
 */
const KEY_HEX = INBOUND_KEY_HEX;
const key = inboundKey;
const cluster = usePostgresCluster();
const running: TeamServerProcess[] = [];
const stores: Store[] = [];
let savedKey: string | undefined;
beforeAll(() => {
  savedKey = process.env[INBOUND_KEY_VARIABLE];
  process.env[INBOUND_KEY_VARIABLE] = KEY_HEX;
});
afterAll(() => {
  if (savedKey === undefined) delete process.env[INBOUND_KEY_VARIABLE];
  else process.env[INBOUND_KEY_VARIABLE] = savedKey;
});
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

const seconds = (ms: number) => String(Math.floor(ms / 1000));

const DANA = { firstName: 'Dana', lastName: 'Whitfield', email: 'dana@acme.example', phone: '(212) 555-0142', company: 'Acme', request: { title: 'Asked for a call from the pricing page' } };

async function team(servers = 2) {
  const url = await cluster().createDatabase();
  const store = await openPostgresStore({ connectionString: url, max: 4 });
  stores.push(store);
  await migratePostgres(store);
  const { secret } = await createSource(store, key, Date.now(), 'website');
  const started = await Promise.all(Array.from({ length: servers }, () => startTeamServer(['--database', url, '--listen', '127.0.0.1:0'])));
  running.push(...started);
  const count = async (table: string) => Number((await store.one<{ n: number }>(`SELECT count(*) AS n FROM ${table}`))!.n);
  const written = async () => ({ leads: await count('leads'), phones: await count('phones'), activities: await count('activities'), signatures: await count('inbound_signatures') });
  return { store, secret, servers: started, count, written };
}

describe('the inbound webhook on the team server', () => {
  it('takes a signed lead as a hand-raiser, tells a signed-in console on the other process, and logs it', async () => {
    const { store, secret, servers, written } = await team();
    await createAccount(store, Date.now(), { name: 'jordan', role: 'rep', password: 'a long enough passphrase' });
    const cookie = cookieOf(await teamRequest(servers[1]!.origin, '/api/people.signIn', { input: { name: 'jordan', password: 'a long enough passphrase' } }));
    const stream = eventStream(servers[1]!.origin, cookie, 'inbound.arrived');
    await within(5000, 'the event stream', stream.connected);

    const answer = await signedWebhook(servers[0]!.origin, '/inbound/website', secret, DANA).send();
    expect(answer).toMatchObject({ status: 201, body: { ok: true, reason: 'The lead is new and waits first in the queue.' } });
    expect(await within(1000, 'inbound.arrived on the other process', stream.received)).toMatchObject({ leadId: answer.body.leadId, name: 'Dana Whitfield', company: 'Acme' });
    stream.close();

    const lead = await store.one<{ first_name: string; requested_call: number; hand_raised_at: number | null; time_zone: string }>('SELECT first_name, requested_call, hand_raised_at, time_zone FROM leads WHERE id = ?', [answer.body.leadId!]);
    expect(lead).toMatchObject({ first_name: 'Dana', requested_call: 1, time_zone: 'America/New_York' });
    expect(lead!.hand_raised_at).toBeGreaterThan(0);
    expect(await store.all('SELECT e164 FROM phones')).toEqual([{ e164: '+12125550142' }]);
    expect(await store.all('SELECT type, title FROM activities')).toEqual([{ type: 'call-request', title: 'Asked for a call from the pricing page' }]);
    expect(await store.all('SELECT source_name, status, lead_id FROM inbound_requests')).toEqual([{ source_name: 'website', status: 201, lead_id: answer.body.leadId }]);
    expect(await written()).toEqual({ leads: 1, phones: 1, activities: 1, signatures: 1 });

    // The same person again (a new request, newly signed): completed, not doubled.
    const again = await signedWebhook(servers[1]!.origin, '/inbound/website', secret, { ...DANA, mobilePhone: '+1 646 555 0199', request: { title: 'Asked again' } }).send();
    expect(again).toMatchObject({ status: 200, body: { leadId: answer.body.leadId } });
    expect(await written()).toMatchObject({ leads: 1, phones: 2, activities: 2 });
  }, 180_000);

  it('reads HubSpot’s workflow webhook, the contact record with each property as { value }', async () => {
    const { store, secret, servers } = await team(1);
    const contact = {
      vid: 3234574,
      'canonical-vid': 3234574,
      'portal-id': 62515,
      'is-contact': true,
      properties: { firstname: { value: 'Noor' }, lastname: { value: 'Haddad' }, email: { value: 'noor@orbit.example' }, phone: { value: '+1 617 555 0123' }, company: { value: 'Orbit' }, jobtitle: { value: 'CFO' } },
    };
    const answer = await signedWebhook(servers[0]!.origin, '/inbound/website/hubspot', secret, contact).send();
    expect(answer.status).toBe(201);
    expect(await store.one('SELECT crm_id, first_name, last_name, company, title, requested_call FROM leads')).toEqual({ crm_id: '3234574', first_name: 'Noor', last_name: 'Haddad', company: 'Orbit', title: 'CFO', requested_call: 1 });
  }, 180_000);

  it('refuses a forged, stale, replayed, oversized, malformed or misaddressed request with a status and a sentence, writing nothing', async () => {
    const { store, secret, servers, written } = await team();
    const [one, two] = servers.map((s) => s.origin) as [string, string];
    const first = signedWebhook(one, '/inbound/website', secret, DANA);
    expect((await first.send()).status).toBe(201);
    const before = await written();

    const refusals: [string, Promise<WebhookAnswer>, number, RegExp][] = [
      ['forged', signedWebhook(one, '/inbound/website', 'whsec_not-the-secret', { ...DANA, email: 'x@forged.example' }).send(), 401, /signature does not match/],
      ['stale', signedWebhook(one, '/inbound/website', secret, { ...DANA, email: 'old@acme.example' }, Date.now() - 6 * 60_000).send(), 401, /stale/],
      ['replayed on the other process', postWebhook(two, '/inbound/website', first.body, first.headers), 409, /received already/],
      ['unsigned', postWebhook(one, '/inbound/website', JSON.stringify(DANA), {}), 401, /not signed/],
      ['oversized', signedWebhook(one, '/inbound/website', secret, { ...DANA, company: 'x'.repeat(70_000) }).send(), 413, /larger than 64 KB/],
      ['not JSON', (() => { const body = Buffer.from('{"firstName": "Dana"'); const t = seconds(Date.now()); return postWebhook(one, '/inbound/website', body, { 'X-Nextcall-Timestamp': t, 'X-Nextcall-Signature': signatureOf(secret, t, body) }); })(), 400, /not JSON/],
      ['a wrong field', signedWebhook(one, '/inbound/website', secret, { ...DANA, phone: 2125550142, email: 'n@acme.example' }).send(), 422, /phone/],
      ['an unknown field', signedWebhook(one, '/inbound/website', secret, { ...DANA, password: 'x' }).send(), 422, /password/],
      ['no number', signedWebhook(one, '/inbound/website', secret, { firstName: 'Lee', email: 'lee@acme.example' }).send(), 422, /no phone number/],
      ['wrong source', signedWebhook(one, '/inbound/webinar', secret, DANA).send(), 404, /no inbound source named webinar/],
    ];
    for (const [what, sending, status, reason] of refusals) {
      const answer = await sending;
      expect({ what, status: answer.status, ok: answer.body.ok }).toEqual({ what, status, ok: false });
      expect(answer.body.reason, what).toMatch(reason);
    }
    expect(await written()).toEqual(before);
    const logged = await store.all<{ status: number }>('SELECT status FROM inbound_requests WHERE status >= 300 ORDER BY status');
    expect(logged.map((row) => row.status)).toEqual([400, 401, 401, 401, 404, 409, 413, 422, 422, 422]);
  }, 180_000);

  it('lets a signature’s record go once it can never pass the time check again (ten minutes), and keeps the younger', async () => {
    const { store, secret, servers } = await team(1);
    const { id } = (await store.one<{ id: number }>('SELECT id FROM inbound_sources'))!;
    const minutesAgo = (minutes: number) => Date.now() - minutes * 60_000;
    await store.run('INSERT INTO inbound_signatures (source_id, signature, received_at) VALUES (?, ?, ?), (?, ?, ?)', [id, 'v1=old', minutesAgo(11), id, 'v1=young', minutesAgo(9)]);
    expect(await signedWebhook(servers[0]!.origin, '/inbound/website', secret, DANA).send()).toMatchObject({ status: 201 });
    const kept = (await store.all<{ signature: string }>('SELECT signature FROM inbound_signatures ORDER BY received_at')).map((r) => r.signature);
    expect(kept).toHaveLength(2);
    expect(kept[0]).toBe('v1=young');
  }, 180_000);

  it('refuses a flood from one source past its limit a minute, counted across both processes', async () => {
    const { store, servers, written } = await team();
    const { secret } = await createSource(store, key, Date.now(), 'form', 3);
    const answers: number[] = [];
    for (const [index, server] of [servers[0]!, servers[1]!, servers[0]!, servers[1]!].entries()) {
      answers.push((await signedWebhook(server.origin, '/inbound/form', secret, { ...DANA, email: `n${index}@acme.example`, phone: `+1 212 555 01${10 + index}`, firstName: `N${index}` }).send()).status);
    }
    expect(answers).toEqual([201, 201, 201, 429]);
    expect((await written()).leads).toBe(3);
  }, 180_000);

  it('stores each lead once from 1,000 signed webhooks with duplicates, sent at once to two processes', async () => {
    const { store, secret, servers } = await team();
    const people = 250;
    // Each person's four requests go out side by side, to both processes: three newly signed
    // (the same person asking three times) and the first once more, byte for byte (a replay).
    const sends = Array.from({ length: people }, (_, n) => {
      const payload = (round: number) => ({ firstName: `Lead${n}`, lastName: 'Burst', email: `lead${n}@burst.example`, phone: `+1 212 555 ${String(1000 + n).padStart(4, '0')}`, company: 'Burst', request: { title: `Request ${round}` } });
      const [a, b, c] = [0, 1, 2].map((round) => signedWebhook(servers[0]!.origin, '/inbound/website', secret, payload(round)));
      return [a!, b!, c!, a!].map((request, copy) => () => postWebhook(servers[copy % 2]!.origin, '/inbound/website', request.body, request.headers));
    }).flat();
    const statuses = new Map<number, number>();
    let next = 0;
    const worker = async () => {
      while (next < sends.length) {
        const answer = await sends[next++]!();
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      }
    };
    await Promise.all(Array.from({ length: 24 }, worker));
    expect(Object.fromEntries(statuses)).toEqual({ 201: people, 200: 2 * people, 409: people });
    expect(await store.one('SELECT count(*) AS n, count(DISTINCT email) AS emails FROM leads')).toEqual({ n: people, emails: people });
    expect(await store.one("SELECT count(*) AS n FROM activities WHERE type = 'call-request'")).toEqual({ n: 3 * people });
  }, 300_000);
});

describe('a webhook whose body trickles in', () => {
  it('is cut off once its time to arrive is up: the connection closed, nothing asked of the store, a line in the log', async () => {
    const logged: string[] = [];
    const touched: string[] = [];
    const store = new Proxy({}, { get: (_target, name) => (touched.push(String(name)), () => Promise.resolve(undefined)) }) as Store;
    const route = inboundRoute({ store, keyText: KEY_HEX, now: () => Date.now(), announce: () => {}, log: (line) => logged.push(line), arrivalMs: 300 });
    const server = createServer((request, response) => void route(request, response, '/inbound/website'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const socket = connect(port, '127.0.0.1');
      const closed = new Promise<number>((resolve) => socket.on('close', () => resolve(performance.now())));
      socket.on('error', () => {});
      const sent = performance.now();
      // Headers for 100 bytes, then 10 of them, then nothing more.
      socket.write('POST /inbound/website HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"firstNam');
      const after = (await within(5_000, 'the connection closed', closed)) - sent;
      expect(after).toBeGreaterThanOrEqual(250);
      expect(logged).toEqual(['Inbound webhook cut off (website): its body did not arrive within 0.3 s.']);
      expect(touched).toEqual([]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('a webhook whose body passes 64 KB with no length announced', () => {
  it('is answered 413 and its connection closed behind the answer, so the rest is not taken in', async () => {
    const logged: string[] = [];
    const store = new Proxy({}, { get: () => () => Promise.resolve(undefined) }) as Store;
    const route = inboundRoute({ store, keyText: KEY_HEX, now: () => Date.now(), announce: () => {}, log: (line) => logged.push(line) });
    const server = createServer((request, response) => void route(request, response, '/inbound/website'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const socket = connect(port, '127.0.0.1');
      let answer = '';
      socket.on('data', (data: Buffer) => (answer += data.toString('latin1')));
      socket.on('error', () => {});
      const closed = new Promise<void>((resolve) => socket.on('close', () => resolve()));
      socket.write('POST /inbound/website HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
      // 8 KB every 2 ms, for as long as the connection lasts (10 MB at most).
      const chunk = `2000\r\n${'x'.repeat(0x2000)}\r\n`;
      let sent = 0;
      const flood = setInterval(() => {
        if (socket.writable && sent < 10 * 2 ** 20) socket.write(chunk, () => (sent += 0x2000));
      }, 2);
      try {
        await within(5_000, 'the connection closed', closed);
      } finally {
        clearInterval(flood);
      }
      expect(answer).toMatch(/^HTTP\/1\.1 413 /);
      expect(answer).toMatch(/larger than 64 KB/);
      expect(logged).toEqual(['Inbound webhook refused (website): 413 The body is larger than 64 KB: a webhook carries one lead.']);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
