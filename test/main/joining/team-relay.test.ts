import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import { joinedDispatch } from '../../../main/joining/joined-dispatch.ts';
import { membership } from '../../../main/joining/membership.ts';
import { sessionJar } from '../../../main/joining/session-jar.ts';
import { teamRelay } from '../../../main/joining/team-relay.ts';
import { confPreferences } from '../../../main/preferences/conf-preferences.ts';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { storeSnapshot } from '../../../main/joining/store-snapshot.ts';
import { openRepStore } from '../../../main/team/rep-store-file.ts';
import { importCsv, tempDir, testCore } from '../../helpers/test-core.ts';

/** A stand-in team server: answers each request with what `reply` says, and keeps what it was sent. */
let server: Server | null = null;
const received: { path: string; cookie: string | undefined; origin: string | undefined; body: string }[] = [];
async function fakeTeamServer(reply: (request: IncomingMessage) => { status?: number; body: string; headers?: Record<string, string | string[]> }): Promise<string> {
  received.length = 0;
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      received.push({ path: request.url ?? '', cookie: request.headers.cookie, origin: request.headers.origin, body });
      const answer = reply(request);
      response.writeHead(answer.status ?? 200, { 'Content-Type': 'application/json', ...answer.headers });
      response.end(answer.body);
    });
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}
afterEach(async () => {
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(null)));
  server = null;
});

const ok = (value: unknown) => JSON.stringify({ ok: true, value });

describe('the session main keeps for a joined console', () => {
  it('lasts as long as the server says, and ends when the server clears it', () => {
    const jar = sessionJar();
    jar.take(['nextcall_session=abc; Path=/; HttpOnly; SameSite=Strict; Max-Age=60'], 1_000);
    expect(jar.header(60_999, false)).toBe('nextcall_session=abc');
    expect(jar.header(61_000, false)).toBeNull();
    jar.take(['nextcall_session=abc; Max-Age=60'], 1_000);
    jar.take(['nextcall_session=; Max-Age=0'], 2_000);
    expect(jar.header(2_000, false)).toBeNull();
  });

  it('never sends a Secure cookie over plain http', () => {
    const jar = sessionJar();
    jar.take(['nextcall_session=abc; Secure; Max-Age=60'], 0);
    expect(jar.header(1, false)).toBeNull();
    expect(jar.header(1, true)).toBe('nextcall_session=abc');
  });
});

describe('the relay to a team server', () => {
  it('posts the method to /api/<method>, keeps the session cookie it is given and sends it back, with no Origin', async () => {
    const address = await fakeTeamServer((request) =>
      request.url === '/api/people.signIn'
        ? { body: ok({ person: { name: 'jordan' } }), headers: { 'Set-Cookie': 'nextcall_session=tok; Path=/; HttpOnly; SameSite=Strict; Max-Age=43200' } }
        : { body: ok({ signedIn: request.headers.cookie === 'nextcall_session=tok' }) },
    );
    const relay = teamRelay(address);
    expect(await relay.call('people.signIn', { name: 'jordan', password: 'pw' })).toEqual({ ok: true, value: { person: { name: 'jordan' } } });
    expect(await relay.call('people.me', {})).toEqual({ ok: true, value: { signedIn: true } });
    expect(received.map((r) => r.path)).toEqual(['/api/people.signIn', '/api/people.me']);
    expect(JSON.parse(received[0]!.body)).toEqual({ input: { name: 'jordan', password: 'pw' } });
    expect(received[0]!.origin).toBeUndefined();
    relay.forget();
    expect(await relay.call('people.me', {})).toEqual({ ok: true, value: { signedIn: false } });
  });

  it('passes the server’s refusal on as it is, sentence included', async () => {
    const refused = { ok: false, error: { code: 'unknown-method', message: 'leads.search is not available on the team server yet.' } };
    const address = await fakeTeamServer(() => ({ status: 404, body: JSON.stringify(refused) }));
    expect(await teamRelay(address).call('leads.search', { text: 'x' })).toEqual(refused);
  });

  it('follows no redirect (the cookie would go with it) and passes on nothing that is not an answer of the contract', async () => {
    // Followed, the redirect would be answered: the relay must not go there.
    const redirecting = await fakeTeamServer((request) => (request.url === '/elsewhere' ? { body: ok('followed') } : { status: 302, body: '', headers: { Location: '/elsewhere' } }));
    const moved = await teamRelay(redirecting).call('people.me', {});
    expect(moved).toMatchObject({ ok: false, error: { message: expect.stringContaining('cannot be reached') } });
    expect(received.map((r) => r.path)).toEqual(['/api/people.me']);
    await new Promise((resolve) => server!.close(resolve));
    const html = await fakeTeamServer(() => ({ body: '<html>a login portal</html>' }));
    expect(await teamRelay(html).call('people.me', {})).toEqual({
      ok: false,
      error: { code: 'internal', message: `The team server at ${html} answered 200 with something that is not Nextcall’s: is this the right address?` },
    });
  });

  it('says so when the server cannot be reached', async () => {
    expect(await teamRelay('http://127.0.0.1:1').call('people.me', {})).toMatchObject({
      ok: false,
      error: { message: 'The team server at http://127.0.0.1:1 cannot be reached: check your network, or choose Work alone.' },
    });
  });
});

describe('a console joining a team and working alone again', () => {
  it('sends every call to the team server once joined, keeps teamServer.* local, and comes back to its own store on leaving; the address survives a restart', async () => {
    const address = await fakeTeamServer(() => ({ body: ok({ signInRequired: true, person: null }) }));
    const dir = tempDir();
    const core = { ...testCore(), prefs: confPreferences(dir) };
    const dispatch = joinedDispatch(createDispatcher(createHandlers(core)), membership(core.prefs));
    const alone = await dispatch('people.me', {});
    expect(alone).toEqual({ ok: true, value: { signInRequired: false, person: null } });

    // The web host's door keeps no session on disk: a sign-in lives in memory, by design, not for want of a keychain.
    expect(await dispatch('teamServer.join', { address: `${address}/` })).toEqual({ ok: true, value: { address, signInKept: 'memory' } });
    expect(await dispatch('people.me', {})).toEqual({ ok: true, value: { signInRequired: true, person: null } });
    expect(received.map((r) => r.path)).toEqual(['/api/people.me']);
    // The choice is in the data folder's preferences: a restarted host is still joined.
    expect(membership(confPreferences(dir)).read()).toEqual({ address });

    expect(await dispatch('teamServer.leave', {})).toEqual({ ok: true, value: { address: null, signInKept: 'memory' } });
    expect(await dispatch('people.me', {})).toEqual(alone);
    expect(received).toHaveLength(1);
    expect(membership(confPreferences(dir)).read()).toEqual({ address: null });
  });

  it('refuses a bad address with its sentence and stays as it was', async () => {
    const core = testCore();
    const dispatch = joinedDispatch(createDispatcher(createHandlers(core)), membership(core.prefs));
    const refused = await dispatch('teamServer.join', { address: 'http://team.example.com' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input', message: expect.stringContaining('must be reached with https://') } });
    expect(await dispatch('teamServer.status', {})).toEqual({ ok: true, value: { address: null, signInKept: 'memory' } });
    // An unknown method never becomes a URL, joined or not.
    await dispatch('teamServer.join', { address: 'http://127.0.0.1:1' });
    expect(await dispatch('../admin', {})).toMatchObject({ ok: false, error: { code: 'unknown-method' } });
  });

  it('uploads this computer’s store once joined: main sends a whole copy of it (never a path) as leads.uploadStore, and says so when not joined', async () => {
    const address = await fakeTeamServer(() => ({ body: ok({ account: 'jordan', dryRun: true }) }));
    const core = testCore();
    await importCsv(core, 'First Name,Phone Number\nAnn,+12125550101\nBo,+14155550102\n');
    const dispatch = joinedDispatch(createDispatcher(createHandlers(core)), membership(core.prefs), { localStore: () => storeSnapshot(core.storeFile) });

    const alone = await dispatch('teamServer.uploadStore', { as: 'jordan', dryRun: true });
    expect(alone).toEqual({ ok: false, error: { code: 'invalid-input', message: 'Join a team first (Settings → Team, then sign in): this computer’s store is uploaded into a team.' } });
    expect(received).toHaveLength(0);

    await dispatch('teamServer.join', { address });
    expect(await dispatch('teamServer.uploadStore', { as: 'jordan', dryRun: true })).toEqual({ ok: true, value: { account: 'jordan', dryRun: true } });
    expect(received.map((r) => r.path)).toEqual(['/api/leads.uploadStore']);
    const { input } = JSON.parse(received[0]!.body) as { input: { data: string; as: string; dryRun: boolean } };
    expect(input).toMatchObject({ as: 'jordan', dryRun: true });
    expect(Object.keys(input).sort()).toEqual(['as', 'data', 'dryRun']);
    // The bytes are the store whole, its leads in it, though the console's own connection is open (its WAL not yet checkpointed).
    const sent = join(tempDir(), 'sent.sqlite');
    writeFileSync(sent, Buffer.from(input.data, 'base64'));
    const copy = openRepStore(sent);
    try {
      expect(copy.db.prepare('SELECT first_name FROM leads ORDER BY id').all()).toEqual([{ first_name: 'Ann' }, { first_name: 'Bo' }]);
    } finally {
      copy.close();
    }
    // A bad input is the local dispatcher's sentence, and nothing is sent.
    expect(await dispatch('teamServer.uploadStore', { dryRun: 'yes' })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
    expect(received).toHaveLength(1);
    core.close();
  });

  it('sends nothing when the console joined another team while its store was being read', async () => {
    const first = await fakeTeamServer(() => ({ body: ok({ account: 'jordan', dryRun: false }) }));
    const core = testCore();
    let address: string | null = first;
    const dispatch = joinedDispatch(createDispatcher(createHandlers(core)), { read: () => ({ address }) }, {
      localStore: async () => {
        address = 'http://127.0.0.1:1';
        return new Uint8Array([1]);
      },
    });
    expect(await dispatch('teamServer.uploadStore', { as: 'jordan', dryRun: false })).toEqual({
      ok: false,
      error: { code: 'conflict', message: `This console left the team at ${first} while its store was being read: nothing was sent. Upload again from Settings → Team.` },
    });
    expect(received).toHaveLength(0);
    core.close();
  });

  it('says an upload for real whose answer never came may have landed (a dry run again tells), not that it changed nothing', async () => {
    const address = await fakeTeamServer((request) => {
      request.socket.destroy();
      return { body: '' };
    });
    const core = testCore();
    const dispatch = joinedDispatch(createDispatcher(createHandlers(core)), { read: () => ({ address }) }, { localStore: async () => new Uint8Array([1]) });
    expect(await dispatch('teamServer.uploadStore', { as: 'jordan', dryRun: false })).toEqual({
      ok: false,
      error: {
        code: 'internal',
        message: `No answer came from the team server at ${address} (the network, or more than 30 minutes): the upload may have landed in the team or not. Do a dry run again: its report counts what the team already has (a call already in the team is never copied twice), and uploading again adds only what is missing.`,
      },
    });
    // A dry run changes nothing, answered or not: the usual sentence.
    expect(await dispatch('teamServer.uploadStore', { as: 'jordan', dryRun: true })).toMatchObject({ ok: false, error: { message: expect.stringContaining('cannot be reached') } });
    core.close();
  });

  it('reads a hand-edited address that is not allowed as working alone', () => {
    const prefs = confPreferences(tempDir());
    prefs.section('teamServer').write({ address: 'http://team.example.com' });
    expect(membership(prefs).read()).toEqual({ address: null });
  });
});
