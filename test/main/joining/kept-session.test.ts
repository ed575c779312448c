import { copyFileSync, readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch.ts';
import { createEventHub } from '../../../main/api/event-hub.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import { joinedDispatch } from '../../../main/joining/joined-dispatch.ts';
import { keptSession, MEMORY_ONLY } from '../../../main/joining/kept-session.ts';
import { membership } from '../../../main/joining/membership.ts';
import { teamRelay } from '../../../main/joining/team-relay.ts';
import type { SecretBox } from '../../../main/phone/secret-box.ts';
import { privateKeyFileBox } from '../../../main/phone/secret-box.ts';
import { confPreferences } from '../../../main/preferences/conf-preferences.ts';
import { HOUR_MS } from '../../../shared/time-units.ts';
import { startTeam, stopTeam, TEAM_PASSWORD } from '../../helpers/team-fixture.ts';
import { teamRequest, type TeamServerProcess } from '../../helpers/team-server-process.ts';
import { tempDir, testCore } from '../../helpers/test-core.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';

/**
 * The desktop app keeps a joined console's team session across a restart, sealed by the
 * operating system's keychain: a rep who restarts mid-shift is still signed in, and nothing on
 * disk holds the cookie in clear. Each "restart" below is a new console over the same data
 * folder: new preferences read from the file, a new dispatcher, a new relay.
 */
const cluster = usePostgresCluster();
const running: TeamServerProcess[] = [];
afterEach(async () => {
  await stopTeam(running.splice(0));
});

/** A keychain as safeStorage's: what it seals is noise, and only it opens it. */
function fakeKeychainBox(): SecretBox & { sealed: string[] } {
  const mark = 'keychain:';
  const flip = (text: string) => Buffer.from(text, 'utf8').map((byte) => byte ^ 0x5a);
  const sealed: string[] = [];
  return {
    protection: 'os-keychain',
    sealed,
    seal(plain) {
      sealed.push(plain);
      return Buffer.concat([Buffer.from(mark), flip(plain)]).toString('base64');
    },
    open(text) {
      const bytes = Buffer.from(text, 'base64');
      if (bytes.subarray(0, mark.length).toString() !== mark) return null;
      return Buffer.from(bytes.subarray(mark.length).map((byte) => byte ^ 0x5a)).toString('utf8');
    },
  };
}

/** A fetch that remembers each Set-Cookie the team server sent, and every Cookie sent to it. */
function watchedFetch() {
  const setCookies: string[] = [];
  const sent: { url: string; cookie: string | null }[] = [];
  const fetch: typeof globalThis.fetch = async (url, init) => {
    sent.push({ url: String(url), cookie: new Headers(init?.headers).get('cookie') });
    const response = await globalThis.fetch(url, init);
    setCookies.push(...response.headers.getSetCookie());
    return response;
  };
  return { fetch, setCookies, sent };
}

/** The session token the server set last. */
const tokenOf = (setCookies: string[]) => setCookies.at(-1)!.split(';')[0]!.split('=')[1]!;

/** Every byte in the data folder (the preferences file included). */
const everythingOnDisk = (dir: string) =>
  readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'))
    .join('\n');

describe('a joined desktop console’s session across a restart', () => {
  async function setUp() {
    const servers = await startTeam(await cluster().createDatabase(), { people: [['jordan', 'rep'], ['casey', 'team-lead'], ['avery', 'admin']], processes: 2 });
    running.push(...servers);
    const dir = tempDir();
    const box = fakeKeychainBox();
    const said: string[] = [];
    const core = testCore();
    /** The console as it starts: the preferences read from the data folder, a new relay. */
    const start = (options: { now?: () => number; secrets?: SecretBox } = {}) => {
      const prefs = confPreferences(dir);
      const watch = watchedFetch();
      const kept = keptSession(prefs, options.secrets ?? box, (message) => said.push(message));
      const dispatch = joinedDispatch(createDispatcher(createHandlers({ ...core, prefs }, { signInKept: () => kept.keeping() })), membership(prefs), {
        fetch: watch.fetch,
        now: options.now,
        kept,
      });
      return { dispatch, watch };
    };
    const signedInAs = async (dispatch: ReturnType<typeof start>['dispatch']) => {
      const me = await dispatch('people.me', {});
      expect(me.ok).toBe(true);
      return (me as { value: { person: { name: string } | null } }).value.person?.name ?? null;
    };
    const signIn = async (name = 'jordan') => {
      const first = start();
      expect(await first.dispatch('teamServer.join', { address: servers[0]!.origin })).toMatchObject({ ok: true });
      expect(await first.dispatch('people.signIn', { name, password: TEAM_PASSWORD })).toMatchObject({ ok: true });
      expect(await signedInAs(first.dispatch)).toBe(name);
      return { ...first, token: tokenOf(first.watch.setCookies) };
    };
    const nothingKept = () => expect(JSON.parse(readFileSync(join(dir, 'preferences.json'), 'utf8')).teamSession ?? null).toBeNull();
    return { servers, dir, box, said, start, signedInAs, signIn, nothingKept };
  }

  it('is still signed in after a restart, without a password asked, and the file never holds the cookie in clear', async () => {
    const { dir, box, said, start, signedInAs, signIn } = await setUp();
    const { token } = await signIn();
    expect(token.length).toBeGreaterThan(10);
    // The keychain sealed the cookie; what is on disk is its seal only.
    expect(box.sealed.at(-1)).toContain(token);
    expect(everythingOnDisk(dir)).not.toContain(token);

    const restarted = start();
    expect(await signedInAs(restarted.dispatch)).toBe('jordan');
    expect(restarted.watch.sent.map((s) => new URL(s.url).pathname)).toEqual(['/api/people.me']);
    expect(restarted.watch.sent[0]!.cookie).toContain(token);
    expect(said).toEqual([]);
    // Settings → Team has nothing to warn of.
    expect(await restarted.dispatch('teamServer.status', {})).toMatchObject({ ok: true, value: { signInKept: 'keychain' } });
  });

  it('is not kept after signing out, after Work alone, once expired, or once the server ended it (401)', async () => {
    const { servers, start, signedInAs, signIn, nothingKept } = await setUp();

    // Signed out: the next start asks for the password again.
    const signedOut = await signIn();
    expect(await signedOut.dispatch('people.signOut', {})).toMatchObject({ ok: true });
    nothingKept();
    expect(await signedInAs(start().dispatch)).toBeNull();

    // Work alone, then joined again after a restart: signed out.
    const alone = await signIn();
    expect(await alone.dispatch('teamServer.leave', {})).toMatchObject({ ok: true });
    nothingKept();
    const back = start();
    await back.dispatch('teamServer.join', { address: servers[0]!.origin });
    expect(await signedInAs(back.dispatch)).toBeNull();

    // Restarted after the cookie's Max-Age (a team server's session lasts 12 hours): not sent.
    await signIn();
    const later = start({ now: () => Date.now() + 13 * HOUR_MS });
    expect(await signedInAs(later.dispatch)).toBeNull();
    expect(later.watch.sent.every((s) => s.cookie === null)).toBe(true);
    nothingKept();

    // The session ended on the server (signed out elsewhere): the first refused call drops it.
    const ended = await signIn();
    expect((await teamRequest(servers[0]!.origin, '/api/people.signOut', { input: {}, cookie: `nextcall_session=${ended.token}` })).status).toBe(200);
    const afterEnd = start();
    expect(await afterEnd.dispatch('lists.list', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    nothingKept();
  });

  it('is never sent to another address: a relay there does not read it, and joined elsewhere before the restart, it is dropped at start', async () => {
    const { servers, dir, box, start, signIn, nothingKept } = await setUp();
    const { token } = await signIn();
    // A relay to another address never reads it, whoever asks (here over a copy of the data
    // folder's preferences: reading it for another address drops it, and the check below must
    // find it still kept).
    const copy = tempDir();
    copyFileSync(join(dir, 'preferences.json'), join(copy, 'preferences.json'));
    const other = watchedFetch();
    await teamRelay(servers[1]!.origin, { fetch: other.fetch, kept: keptSession(confPreferences(copy), box, () => undefined) }).call('people.me', {});
    expect(other.sent.map((s) => s.cookie)).toEqual([null]);
    // Another process, another origin: the same team, but not the address the session came from.
    // Dropped as the console starts, before any call is relayed.
    expect(everythingOnDisk(dir)).toContain('teamSession');
    membership(confPreferences(dir)).join(servers[1]!.origin);
    const elsewhere = start();
    nothingKept();
    await elsewhere.dispatch('people.me', {});
    expect(elsewhere.watch.sent.map((s) => s.cookie)).toEqual([null]);
    expect(everythingOnDisk(dir)).not.toContain(token);
  });

  it('is kept for a rep only: a team lead or an admin signed in on a rep’s computer is asked to sign in again after a restart', async () => {
    const { servers, dir, box, start, signedInAs, signIn, nothingKept } = await setUp();
    // The rep is signed in (kept); a team lead signs in on the same console to upload, and closes the app.
    const desk = await signIn('jordan');
    expect(await desk.dispatch('people.signIn', { name: 'casey', password: TEAM_PASSWORD })).toMatchObject({ ok: true });
    expect(await signedInAs(desk.dispatch)).toBe('casey');
    const leadToken = tokenOf(desk.watch.setCookies);
    nothingKept();
    expect(box.sealed.join('\n')).not.toContain(leadToken);
    expect(await signedInAs(start().dispatch)).toBeNull();

    // An admin signed in from the start: the same.
    const admin = await signIn('avery');
    nothingKept();
    expect(box.sealed.join('\n')).not.toContain(admin.token);
    expect(await signedInAs(start().dispatch)).toBeNull();

    // A team lead's session kept before this was so (an older Nextcall): people.me names a team
    // lead at the next start, and it is dropped from the disk.
    const lead = await signIn('casey');
    keptSession(confPreferences(dir), box, () => undefined).write(servers[0]!.origin, [
      { name: 'nextcall_session', value: lead.token, expiresAt: Date.now() + HOUR_MS, secure: false },
    ]);
    expect(await signedInAs(start().dispatch)).toBe('casey');
    nothingKept();
    expect(await signedInAs(start().dispatch)).toBeNull();

    // A rep again: kept.
    await signIn('jordan');
    expect(await signedInAs(start().dispatch)).toBe('jordan');
  });

  it('stays in memory only where there is no keychain, and says so once', async () => {
    const { servers, dir, said, start, signedInAs } = await setUp();
    const noKeychain = privateKeyFileBox(tempDir());
    const first = start({ secrets: noKeychain });
    // Settings → Team tells the rep (it reads teamServer.status), from the moment the team is joined.
    expect(await first.dispatch('teamServer.join', { address: servers[0]!.origin })).toEqual({ ok: true, value: { address: servers[0]!.origin, signInKept: 'no-keychain' } });
    await first.dispatch('people.signIn', { name: 'jordan', password: TEAM_PASSWORD });
    await first.dispatch('people.signIn', { name: 'jordan', password: TEAM_PASSWORD });
    expect(await signedInAs(first.dispatch)).toBe('jordan');
    expect(everythingOnDisk(dir)).not.toContain(tokenOf(first.watch.setCookies));
    expect(said).toEqual([MEMORY_ONLY]);
    expect(await first.dispatch('teamServer.status', {})).toMatchObject({ ok: true, value: { signInKept: 'no-keychain' } });
    const restarted = start({ secrets: noKeychain });
    expect(await signedInAs(restarted.dispatch)).toBeNull();
    expect(await restarted.dispatch('teamServer.status', {})).toMatchObject({ ok: true, value: { signInKept: 'no-keychain' } });
  });
});

describe('a keychain that refuses to seal (locked, or the rep said no)', () => {
  it('keeps nothing on disk, and from then on the sign-in is said to live in memory only', () => {
    const prefs = confPreferences(tempDir());
    const said: string[] = [];
    const refusing: SecretBox = {
      protection: 'os-keychain',
      seal: () => {
        throw new Error('The keychain is locked.');
      },
      open: () => null,
    };
    const kept = keptSession(prefs, refusing, (message) => said.push(message));
    expect(kept.keeping()).toBe('keychain');
    kept.write('https://team.example.com', [{ name: 'nextcall_session', value: 'abc', expiresAt: Date.now() + HOUR_MS, secure: true }]);
    expect(prefs.section('teamSession').read() ?? null).toBeNull();
    expect(kept.keeping()).toBe('no-keychain');
    expect(said).toEqual([MEMORY_ONLY]);
  });
});

describe('the kept session and the team’s event stream', () => {
  it('is dropped when the event stream is refused with 401 (the session ended on the server)', async () => {
    let streams = 0;
    const server = createServer((request, response) => {
      if (request.url === '/api/events') {
        streams++;
        response.writeHead(401, { 'Content-Type': 'application/json' });
        return response.end(JSON.stringify({ ok: false, error: { code: 'unauthorized', message: 'Sign in first.' } }));
      }
      response.writeHead(200, { 'Content-Type': 'application/json', 'Set-Cookie': 'nextcall_session=tok; Path=/; HttpOnly; Max-Age=600' });
      response.end(JSON.stringify({ ok: true, value: { person: JORDAN } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const prefs = confPreferences(tempDir());
      const box = fakeKeychainBox();
      const kept = keptSession(prefs, box, () => undefined);
      await teamRelay(address, { events: createEventHub(), backoffMs: 20, kept }).call('people.signIn', { name: 'jordan', password: 'pw' });
      // Kept (a rep's) at the sign-in, then dropped at the stream's 401.
      expect(box.sealed).toHaveLength(1);
      await waitFor('the event stream refused', () => streams === 1);
      await waitFor('the kept session dropped', () => prefs.section('teamSession').read() === null);
      expect(kept.read(address, Date.now())).toEqual([]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

describe('a 401 that answers an older cookie', () => {
  /**
   * A stand-in team server: each sign-in a new session (tok1, tok2, ...); a call or event stream
   * sent with tok1 is held until `release()`, then refused with 401, as a server would once that
   * session ended; any other session is served.
   */
  async function standIn() {
    let signIns = 0;
    const held: (() => void)[] = [];
    const streams: string[] = [];
    const calls: string[] = [];
    const server = createServer((request, response) => {
      const cookie = request.headers.cookie ?? '';
      const refuse = () => {
        response.writeHead(401, { 'Content-Type': 'application/json' });
        response.end(JSON.stringify({ ok: false, error: { code: 'unauthorized', message: 'Sign in first.' } }));
      };
      if (request.url === '/api/people.signIn') {
        response.writeHead(200, { 'Content-Type': 'application/json', 'Set-Cookie': `nextcall_session=tok${++signIns}; Path=/; HttpOnly; Max-Age=600` });
        return response.end(JSON.stringify({ ok: true, value: { person: JORDAN, expiresAt: new Date(Date.now() + 600_000).toISOString() } }));
      }
      if (request.url === '/api/events') streams.push(cookie);
      else calls.push(cookie);
      if (cookie === 'nextcall_session=tok1') return void held.push(refuse);
      if (request.url === '/api/events') return void response.writeHead(200, { 'Content-Type': 'text/event-stream' }).flushHeaders();
      response.writeHead(200, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ ok: true, value: [] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const prefs = confPreferences(tempDir());
    return {
      address: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      kept: keptSession(prefs, fakeKeychainBox(), () => undefined),
      streams,
      calls,
      held,
      release: () => held.splice(0).forEach((refuse) => refuse()),
      close: async () => {
        server.closeAllConnections();
        await new Promise((resolve) => server.close(resolve));
      },
    };
  }
  const signIn = { name: 'jordan', password: 'pw' };

  it('from a call sent before a new sign-in, leaves the new session signed in, in memory and on disk', async () => {
    const team = await standIn();
    try {
      const relay = teamRelay(team.address, { kept: team.kept });
      await relay.call('people.signIn', signIn);
      const stale = relay.call('lists.list', {});
      await waitFor('the call sent with the first session', () => team.held.length === 1);
      await relay.call('people.signIn', signIn);
      team.release();
      expect(await stale).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      expect(team.kept.read(team.address, Date.now()).map((c) => c.value)).toEqual(['tok2']);
      expect(await relay.call('lists.list', {})).toEqual({ ok: true, value: [] });
      expect(team.calls).toEqual(['nextcall_session=tok1', 'nextcall_session=tok2']);
    } finally {
      await team.close();
    }
  });

  it('from the event stream opened before a new sign-in, leaves the new session, and the stream reopens with it', async () => {
    const team = await standIn();
    const relay = teamRelay(team.address, { kept: team.kept, events: createEventHub(), backoffMs: 20 });
    try {
      await relay.call('people.signIn', signIn);
      await waitFor('the stream opened with the first session', () => team.held.length === 1);
      await relay.call('people.signIn', signIn);
      team.release();
      await waitFor('the stream reopened with the new session', () => team.streams.includes('nextcall_session=tok2'));
      expect(team.kept.read(team.address, Date.now()).map((c) => c.value)).toEqual(['tok2']);
      expect(await relay.call('lists.list', {})).toEqual({ ok: true, value: [] });
      expect(team.calls).toEqual(['nextcall_session=tok2']);
    } finally {
      relay.forget();
      await team.close();
    }
  });
});

/** A rep, as the team server answers people.signIn and people.me. */
const JORDAN = { id: 1, name: 'jordan', role: 'rep' };

/** Resolves once `done()` holds, looking every 10 ms; fails after two seconds. */
async function waitFor(what: string, done: () => boolean): Promise<void> {
  const until = Date.now() + 2_000;
  while (!done()) {
    if (Date.now() > until) throw new Error(`Waited 2 s for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
