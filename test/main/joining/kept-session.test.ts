import { readdirSync, readFileSync } from 'node:fs';
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
    const servers = await startTeam(await cluster().createDatabase(), { people: [['jordan', 'rep']], processes: 2 });
    running.push(...servers);
    const dir = tempDir();
    const box = fakeKeychainBox();
    const said: string[] = [];
    const core = testCore();
    /** The console as it starts: the preferences read from the data folder, a new relay. */
    const start = (options: { now?: () => number; secrets?: SecretBox } = {}) => {
      const prefs = confPreferences(dir);
      const watch = watchedFetch();
      const dispatch = joinedDispatch(createDispatcher(createHandlers({ ...core, prefs })), membership(prefs), {
        fetch: watch.fetch,
        now: options.now,
        kept: keptSession(prefs, options.secrets ?? box, (message) => said.push(message)),
      });
      return { dispatch, watch };
    };
    const signedInAs = async (dispatch: ReturnType<typeof start>['dispatch']) => {
      const me = await dispatch('people.me', {});
      expect(me.ok).toBe(true);
      return (me as { value: { person: { name: string } | null } }).value.person?.name ?? null;
    };
    const signIn = async () => {
      const first = start();
      expect(await first.dispatch('teamServer.join', { address: servers[0]!.origin })).toMatchObject({ ok: true });
      expect(await first.dispatch('people.signIn', { name: 'jordan', password: TEAM_PASSWORD })).toMatchObject({ ok: true });
      expect(await signedInAs(first.dispatch)).toBe('jordan');
      return { ...first, token: tokenOf(first.watch.setCookies) };
    };
    return { servers, dir, box, said, start, signedInAs, signIn };
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
  });

  it('is not kept after signing out, after Work alone, once expired, or once the server ended it (401)', async () => {
    const { servers, dir, start, signedInAs, signIn } = await setUp();
    const nothingKept = () => expect(JSON.parse(readFileSync(join(dir, 'preferences.json'), 'utf8')).teamSession ?? null).toBeNull();

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

  it('is never sent to another address: joined elsewhere before the restart, it is dropped', async () => {
    const { servers, dir, box, start, signIn } = await setUp();
    const { token } = await signIn();
    // A relay to another address never reads it, whoever asks.
    const other = watchedFetch();
    await teamRelay(servers[1]!.origin, { fetch: other.fetch, kept: keptSession(confPreferences(dir), box, () => undefined) }).call('people.me', {});
    expect(other.sent.map((s) => s.cookie)).toEqual([null]);
    // Another process, another origin: the same team, but not the address the session came from.
    membership(confPreferences(dir)).join(servers[1]!.origin);
    const elsewhere = start();
    await elsewhere.dispatch('people.me', {});
    expect(elsewhere.watch.sent.map((s) => s.cookie)).toEqual([null]);
    expect(JSON.parse(readFileSync(join(dir, 'preferences.json'), 'utf8')).teamSession ?? null).toBeNull();
    expect(everythingOnDisk(dir)).not.toContain(token);
  });

  it('stays in memory only where there is no keychain, and says so once', async () => {
    const { servers, dir, said, start, signedInAs } = await setUp();
    const noKeychain = privateKeyFileBox(tempDir());
    const first = start({ secrets: noKeychain });
    await first.dispatch('teamServer.join', { address: servers[0]!.origin });
    await first.dispatch('people.signIn', { name: 'jordan', password: TEAM_PASSWORD });
    await first.dispatch('people.signIn', { name: 'jordan', password: TEAM_PASSWORD });
    expect(await signedInAs(first.dispatch)).toBe('jordan');
    expect(everythingOnDisk(dir)).not.toContain(tokenOf(first.watch.setCookies));
    expect(said).toEqual([MEMORY_ONLY]);
    expect(await signedInAs(start({ secrets: noKeychain }).dispatch)).toBeNull();
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
      response.end(JSON.stringify({ ok: true, value: { person: { name: 'jordan' } } }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const address = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const prefs = confPreferences(tempDir());
      const kept = keptSession(prefs, fakeKeychainBox(), () => undefined);
      await teamRelay(address, { events: createEventHub(), backoffMs: 20, kept }).call('people.signIn', { name: 'jordan', password: 'pw' });
      await waitFor('the event stream refused', () => streams === 1);
      await waitFor('the kept session dropped', () => prefs.section('teamSession').read() === null);
      expect(kept.read(address, Date.now())).toEqual([]);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});

/** Resolves once `done()` holds, looking every 10 ms; fails after two seconds. */
async function waitFor(what: string, done: () => boolean): Promise<void> {
  const until = Date.now() + 2_000;
  while (!done()) {
    if (Date.now() > until) throw new Error(`Waited 2 s for ${what}.`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
