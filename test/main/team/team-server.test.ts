import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAccount } from '../../../main/people/accounts.ts';
import { openPostgresStore } from '../../../main/store/seam/postgres-store.ts';
import { migratePostgres } from '../../../main/store/postgres-migrations.ts';
import type { Store } from '../../../main/store/seam/store.ts';
import { teamEvents } from '../../../main/team/team-events.ts';
import { RENDERER_DIR } from '../../../main/web/serve.ts';
import { cookieOf, eventStream, runTeamCommand, startTeamServer, teamRequest, within, type TeamServerProcess } from '../../helpers/team-server-process.ts';
import { tempDir } from '../../helpers/test-core.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';

const PASSWORD = 'a long enough passphrase';
const cluster = usePostgresCluster();
const running: TeamServerProcess[] = [];
const stores: Store[] = [];
afterEach(async () => {
  await Promise.all(running.splice(0).map((server) => server.stop()));
  await Promise.all(stores.splice(0).map((store) => store.close()));
});

beforeAll(() => {
  // The team server serves the built console, as `npm run serve` does.
  readFileSync(join(RENDERER_DIR, 'index.html'));
});

/** A team database with one rep, and a connection to it (the test's own, a third process). */
async function teamDatabase(): Promise<{ url: string; store: Store }> {
  const url = await cluster().createDatabase();
  const store = await openPostgresStore({ connectionString: url, max: 2 });
  stores.push(store);
  await migratePostgres(store);
  await createAccount(store, Date.now(), { name: 'jordan', role: 'rep', password: PASSWORD });
  return { url, store };
}

async function serve(args: string[]): Promise<TeamServerProcess> {
  const server = await startTeamServer(args);
  running.push(server);
  return server;
}

describe('the team server, two processes on one database', () => {
  it('accepts on one process the session cookie the other set, and forgets it everywhere on sign-out', async () => {
    const { url } = await teamDatabase();
    const [one, two] = await Promise.all([serve(['--database', url, '--listen', '127.0.0.1:0']), serve(['--database', url, '--listen', '127.0.0.1:0'])]);

    const signIn = await teamRequest(one.origin, '/api/people.signIn', { input: { name: 'jordan', password: PASSWORD } });
    expect(signIn.status).toBe(200);
    // The token is in an HttpOnly, SameSite=Strict cookie, never in the answer the page's scripts read.
    expect(signIn.headers['set-cookie']).toEqual([expect.stringMatching(/^nextcall_session=[\w-]{43}; Path=\/; Max-Age=43[12]\d\d; HttpOnly; SameSite=Strict$/)]);
    const cookie = cookieOf(signIn);
    expect(signIn.body).not.toContain(cookie.split('=')[1]);
    expect(JSON.parse(signIn.body)).toMatchObject({ ok: true, value: { person: { name: 'jordan', role: 'rep' } } });

    const me = await teamRequest(two.origin, '/api/people.me', { input: {}, cookie });
    expect(JSON.parse(me.body)).toEqual({ ok: true, value: { signInRequired: true, person: { id: expect.any(Number), name: 'jordan', role: 'rep' } } });
    const session = await teamRequest(two.origin, '/api/sessions.start', { input: { consoleId: 'console-one', listName: 'Webinar' }, cookie });
    expect(JSON.parse(session.body)).toMatchObject({ ok: true, value: { rep: 'jordan' } });
    // Power dialing's pause between calls, held on one process and ended on the other, counts once in the session.
    const held = await teamRequest(one.origin, '/api/sessions.pauseDialing', { input: { consoleId: 'console-one' }, cookie });
    expect(JSON.parse(held.body)).toMatchObject({ ok: true, value: { rep: 'jordan', pausesBetweenCalls: { count: 1, going: true } } });
    const resumed = await teamRequest(two.origin, '/api/sessions.resumeDialing', { input: { consoleId: 'console-one' }, cookie });
    expect(JSON.parse(resumed.body)).toMatchObject({ ok: true, value: { pausesBetweenCalls: { count: 1, going: false } } });
    const current = await teamRequest(one.origin, '/api/sessions.current', { input: { consoleId: 'console-one' }, cookie });
    expect(JSON.parse(current.body)).toMatchObject({ ok: true, value: { pausesBetweenCalls: { count: 1, going: false } } });
    expect(await teamRequest(one.origin, '/api/sessions.pauseDialing', { input: { consoleId: 42 }, cookie })).toMatchObject({ status: 400 });

    const out = await teamRequest(two.origin, '/api/people.signOut', { input: {}, cookie });
    expect(out.headers['set-cookie']).toEqual([expect.stringMatching(/^nextcall_session=; Path=\/; Max-Age=0; HttpOnly; SameSite=Strict$/)]);
    const after = await teamRequest(one.origin, '/api/sessions.current', { input: { consoleId: 'console-one' }, cookie });
    expect(after.status).toBe(401);
    expect(JSON.parse(after.body)).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/^Sign in first/) } });
  }, 120_000);

  it('brings what any process announces to the consoles of every process within a second (LISTEN/NOTIFY)', async () => {
    const { url, store } = await teamDatabase();
    const [one, two] = await Promise.all([serve(['--database', url, '--listen', '127.0.0.1:0']), serve(['--database', url, '--listen', '127.0.0.1:0'])]);
    const cookie = cookieOf(await teamRequest(one.origin, '/api/people.signIn', { input: { name: 'jordan', password: PASSWORD } }));
    const consoles = [eventStream(one.origin, cookie, 'store.changed'), eventStream(two.origin, cookie, 'store.changed')];
    await Promise.all(consoles.map((c) => c.connected));

    // A third process on the same database (as a server process it announces through the core's event hub).
    const third = await teamEvents(store, () => {});
    third.events.emit('store.changed', { reason: 'import' });
    const heard = await within(1000, 'every console hears the import', Promise.all(consoles.map((c) => c.received)));
    expect(heard).toEqual([{ reason: 'import' }, { reason: 'import' }]);
    consoles.forEach((c) => c.close());
    await third.stop();
  }, 120_000);

  it('after the database restarts, tells its consoles to read again, and hears the other processes again', async () => {
    const { url, store } = await teamDatabase();
    const one = await serve(['--database', url, '--listen', '127.0.0.1:0']);
    const cookie = cookieOf(await teamRequest(one.origin, '/api/people.signIn', { input: { name: 'jordan', password: PASSWORD } }));
    const during = eventStream(one.origin, cookie, 'store.changed');
    await during.connected;
    cluster().restart();
    // What other processes announced while the database was away went unheard: the console reads again.
    expect(await within(20_000, 'the console is told to read again', during.received)).toEqual({ reason: 'elsewhere' });
    during.close();

    const after = eventStream(one.origin, cookie, 'store.changed');
    await after.connected;
    const third = await teamEvents(store, () => {});
    // The test's own pool lost its connections in the restart too: announce until one goes through.
    let heard: unknown = null;
    void after.received.then((payload) => (heard = payload));
    for (let tries = 0; heard === null && tries < 50; tries++) {
      third.events.emit('store.changed', { reason: 'import' });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(heard).toEqual({ reason: 'import' });
    after.close();
    await third.stop();
    // The restarted database serves the process's calls again.
    expect(JSON.parse((await teamRequest(one.origin, '/api/people.me', { input: {}, cookie })).body)).toMatchObject({ ok: true, value: { person: { name: 'jordan' } } });
  }, 120_000);

  it('opens no event stream and runs no call for a browser that has not signed in, nor for another site’s page', async () => {
    const { url } = await teamDatabase();
    const one = await serve(['--database', url, '--listen', '127.0.0.1:0']);
    expect((await teamRequest(one.origin, '/api/events')).status).toBe(401);
    expect((await teamRequest(one.origin, '/api/events', { cookie: `nextcall_session=${'A'.repeat(43)}` })).status).toBe(401);
    const forged = await teamRequest(one.origin, '/api/people.signIn', { input: { name: 'jordan', password: PASSWORD }, headers: { Origin: 'https://evil.example' } });
    expect(forged.status).toBe(403);
    expect(forged.headers['set-cookie']).toBeUndefined();
    // Behind a TLS proxy the page's origin is https on the same host: that is this console.
    const viaProxy = await teamRequest(one.origin, '/api/people.me', { input: {}, headers: { Origin: `https://${new URL(one.origin).host}` } });
    expect(JSON.parse(viaProxy.body)).toEqual({ ok: true, value: { signInRequired: true, person: null } });
    // The console itself is served to anyone: it shows the sign-in screen.
    const page = await teamRequest(one.origin, '/');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<div id="root">');
  }, 120_000);
});

describe('the team server over a network', () => {
  it('serves over TLS with the certificate it is given, and marks the session cookie Secure', async () => {
    const { url } = await teamDatabase();
    const dir = tempDir();
    // A throw-away self-signed certificate for 127.0.0.1, made here by openssl.
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
    const ca = readFileSync(join(dir, 'cert.pem'));
    const server = await serve(['--database', url, '--listen', '127.0.0.1:0', '--tls-cert', join(dir, 'cert.pem'), '--tls-key', join(dir, 'key.pem')]);
    expect(server.origin).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const signIn = await teamRequest(server.origin, '/api/people.signIn', { input: { name: 'jordan', password: PASSWORD }, ca });
    expect(signIn.headers['set-cookie']).toEqual([expect.stringMatching(/; HttpOnly; SameSite=Strict; Secure$/)]);
    expect(signIn.headers['strict-transport-security']).toBe('max-age=31536000');
    const me = await teamRequest(server.origin, '/api/people.me', { input: {}, cookie: cookieOf(signIn), ca });
    expect(JSON.parse(me.body)).toMatchObject({ value: { person: { name: 'jordan' } } });
  }, 120_000);

  it('refuses plain HTTP on a network address unless --insecure-lan, which it warns about', async () => {
    const { url } = await teamDatabase();
    const refused = await runTeamCommand(['--database', url, '--listen', '0.0.0.0:0']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('Refusing to serve plain HTTP on 0.0.0.0');
    const server = await serve(['--database', url, '--listen', '0.0.0.0:0', '--insecure-lan']);
    expect(server.output()).toContain('Warning: plain HTTP on 0.0.0.0 (--insecure-lan)');
    expect(server.origin).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
  }, 120_000);
});
