import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import { joinedDispatch } from '../../../main/joining/joined-dispatch.ts';
import { membership } from '../../../main/joining/membership.ts';
import { teamRelay } from '../../../main/joining/team-relay.ts';
import { createEventHub } from '../../../main/api/event-hub.ts';
import type { EventName } from '../../../shared/events.ts';
import { startTeam, stopTeam, TEAM_PASSWORD } from '../../helpers/team-fixture.ts';
import { cookieOf, teamRequest, within, type TeamServerProcess } from '../../helpers/team-server-process.ts';
import { testCore } from '../../helpers/test-core.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';

/**
 * A console joined to a team hears the team's live events: main follows the team server's
 * /api/events with the session it keeps and emits each event into the console's own hub, which
 * the page listens to (IPC, or the web host's /api/events).
 */
const cluster = usePostgresCluster();
const running: TeamServerProcess[] = [];
let fake: Server | null = null;
afterEach(async () => {
  await stopTeam(running.splice(0));
  fake?.closeAllConnections();
  await new Promise((resolve) => (fake ? fake.close(resolve) : resolve(null)));
  fake = null;
});

/** A fetch that says when an event stream has been answered (the server has subscribed it by then). */
function watchedFetch() {
  const answered: number[] = [];
  let onAnswer: (status: number) => void = () => {};
  const fetch: typeof globalThis.fetch = async (url, init) => {
    const response = await globalThis.fetch(url, init);
    if (String(url).endsWith('/api/events')) {
      answered.push(response.status);
      onAnswer(response.status);
    }
    return response;
  };
  const nextStream = () => new Promise<number>((resolve) => (onAnswer = resolve));
  return { fetch, answered, nextStream };
}

function heard(hub: ReturnType<typeof createEventHub>) {
  const events: { event: EventName; payload: unknown }[] = [];
  hub.subscribe((event, payload) => events.push({ event, payload }));
  const next = (name: EventName) =>
    new Promise<unknown>((resolve) => {
      const stop = hub.subscribe((event, payload) => {
        if (event !== name) return;
        stop();
        resolve(payload);
      });
    });
  return { events, next };
}

describe('a joined console and the team’s live events', () => {
  it('hears, within a second, what another rep does on the team server, and nothing once it works alone', async () => {
    const servers = await startTeam(await cluster().createDatabase(), {
      people: [
        ['jordan', 'rep'],
        ['casey', 'rep'],
      ],
    });
    running.push(...servers);
    const team = servers[0]!;
    const core = testCore();
    const watch = watchedFetch();
    const dispatch = joinedDispatch(createDispatcher(createHandlers(core)), membership(core.prefs), { events: core.events, fetch: watch.fetch });
    const consoleHeard = heard(core.events);
    expect(await dispatch('teamServer.join', { address: team.origin })).toEqual({ ok: true, value: { address: team.origin, signInKept: 'memory' } });
    // Joined but not signed in: no stream is opened.
    await dispatch('people.me', {});
    expect(watch.answered).toEqual([]);

    const streamed = watch.nextStream();
    expect(await dispatch('people.signIn', { name: 'jordan', password: TEAM_PASSWORD })).toMatchObject({ ok: true });
    expect(await within(5_000, 'the team’s event stream answered', streamed)).toBe(200);

    // casey, on another console, signs in on the team server: jordan's floor hears it within a
    // second of the sign-in's answer (the password's hashing, seconds on a loaded machine, is not
    // the event's path).
    const floorChanged = consoleHeard.next('floor.changed');
    let casey = cookieOf(await teamRequest(team.origin, '/api/people.signIn', { input: { name: 'casey', password: TEAM_PASSWORD } }));
    const start = performance.now();
    expect(await within(1_000, 'floor.changed on the joined console', floorChanged)).toEqual({ reason: 'sign-in' });
    const tookMs = performance.now() - start;
    console.log(`floor.changed reached the joined console in ${tookMs.toFixed(1)} ms`);
    expect(tookMs).toBeLessThan(1_000);

    /** What `act` does on the team server does not reach this console. */
    const unheard = async (act: () => Promise<unknown>) => {
      await new Promise((resolve) => setTimeout(resolve, 200));
      const before = consoleHeard.events.length;
      await act();
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(consoleHeard.events.slice(before)).toEqual([]);
    };
    /** casey signs in or out on the team server (each is a floor.changed for its consoles). */
    const caseyAsks = async (method: 'people.signIn' | 'people.signOut') => {
      const answer = await teamRequest(team.origin, `/api/${method}`, method === 'people.signIn' ? { input: { name: 'casey', password: TEAM_PASSWORD } } : { input: {}, cookie: casey });
      expect(answer.status, answer.body).toBe(200);
      if (method === 'people.signIn') casey = cookieOf(answer);
    };

    // jordan signs out: the server clears the cookie, and the stream stops with it.
    expect(await dispatch('people.signOut', {})).toMatchObject({ ok: true });
    await unheard(() => caseyAsks('people.signOut'));
    // Signed in again, it follows again.
    const again = watch.nextStream();
    expect(await dispatch('people.signIn', { name: 'jordan', password: TEAM_PASSWORD })).toMatchObject({ ok: true });
    expect(await within(5_000, 'the team’s event stream answered again', again)).toBe(200);
    const heardAgain = consoleHeard.next('floor.changed');
    await caseyAsks('people.signIn');
    await within(1_000, 'floor.changed after signing in again', heardAgain);

    // Work alone: casey signing out reaches the team's consoles, not this one.
    expect(await dispatch('teamServer.leave', {})).toEqual({ ok: true, value: { address: null, signInKept: 'memory' } });
    await unheard(() => caseyAsks('people.signOut'));
    expect(watch.answered).toEqual([200, 200]);
  });
});

describe('the team event stream main follows', () => {
  /** A stand-in team server: a sign-in that sets a cookie, and an event stream that `events` writes to. */
  async function fakeTeam(events: (response: ServerResponse, count: number) => void): Promise<{ address: string; streams: string[] }> {
    const streams: string[] = [];
    fake = createServer((request, response) => {
      if (request.url === '/api/events') {
        streams.push(request.headers.cookie ?? '');
        return events(response, streams.length);
      }
      response.writeHead(200, { 'Content-Type': 'application/json', 'Set-Cookie': 'nextcall_session=tok; Path=/; HttpOnly; Max-Age=600' });
      response.end(JSON.stringify({ ok: true, value: { person: { name: 'jordan' } } }));
    });
    await new Promise<void>((resolve) => fake!.listen(0, '127.0.0.1', resolve));
    return { address: `http://127.0.0.1:${(fake.address() as AddressInfo).port}`, streams };
  }
  const sse = (response: ServerResponse) => response.writeHead(200, { 'Content-Type': 'text/event-stream' });

  it('passes on only the events the contract knows, with object payloads, and reopens a dropped stream with the cookie', async () => {
    const { address, streams } = await fakeTeam((response, count) => {
      sse(response);
      if (count === 1) {
        response.write('event: admin.exec\ndata: {"command":"rm"}\n\n');
        response.write('event: store.changed\ndata: "edit"\n\n');
        response.write('event: store.changed\ndata: not json\n\n');
        response.end('event: store.changed\ndata: {"reason":"edit"}\n\n');
      } else response.write('event: inbound.arrived\ndata: {"leadId":7,"name":"Mia Chen","company":null,"requestedAt":1}\n\n');
    });
    const hub = createEventHub();
    const consoleHeard = heard(hub);
    const relay = teamRelay(address, { events: hub, backoffMs: 20 });
    const arrived = consoleHeard.next('inbound.arrived');
    await relay.call('people.signIn', { name: 'jordan', password: 'pw' });
    expect(await within(2_000, 'inbound.arrived after the stream was reopened', arrived)).toMatchObject({ leadId: 7 });
    expect(consoleHeard.events).toEqual([
      { event: 'store.changed', payload: { reason: 'edit' } },
      { event: 'inbound.arrived', payload: { leadId: 7, name: 'Mia Chen', company: null, requestedAt: 1 } },
    ]);
    expect(streams).toEqual(['nextcall_session=tok', 'nextcall_session=tok']);
    relay.forget();
  });

  it('lets go of a stream whose event never ends (past 256 KB), and follows the next', async () => {
    const { address, streams } = await fakeTeam((response, count) => {
      sse(response);
      if (count === 1) response.write(`event: store.changed\ndata: ${'x'.repeat(300 * 1024)}`);
      else response.write('event: store.changed\ndata: {"reason":"edit"}\n\n');
    });
    const hub = createEventHub();
    const consoleHeard = heard(hub);
    const relay = teamRelay(address, { events: hub, backoffMs: 20 });
    const edited = consoleHeard.next('store.changed');
    await relay.call('people.signIn', { name: 'jordan', password: 'pw' });
    expect(await within(2_000, 'store.changed on the next stream', edited)).toEqual({ reason: 'edit' });
    expect(streams).toHaveLength(2);
    relay.forget();
  });

  it('stops at a 401 (the session ended) and after forget()', async () => {
    const refused = await fakeTeam((response) => {
      response.writeHead(401, { 'Content-Type': 'application/json' });
      response.end(JSON.stringify({ ok: false, error: { code: 'unauthorized', message: 'Sign in first.' } }));
    });
    const relay = teamRelay(refused.address, { events: createEventHub(), backoffMs: 20 });
    await relay.call('people.signIn', { name: 'jordan', password: 'pw' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(refused.streams).toHaveLength(1);
    relay.forget();
    await new Promise((resolve) => fake!.close(resolve));

    const held: ServerResponse[] = [];
    const open = await fakeTeam((response) => {
      sse(response);
      held.push(response);
    });
    const hub = createEventHub();
    const consoleHeard = heard(hub);
    const forgotten = teamRelay(open.address, { events: hub, backoffMs: 20 });
    await forgotten.call('people.signIn', { name: 'jordan', password: 'pw' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(open.streams).toHaveLength(1);
    held[0]!.write('event: store.changed\ndata: {"reason":"edit"}\n\n');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(consoleHeard.events).toHaveLength(1);
    forgotten.forget();
    // The server goes on writing; nothing more arrives, and the stream is not reopened.
    if (!held[0]!.destroyed) held[0]!.write('event: store.changed\ndata: {"reason":"lists"}\n\n');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(open.streams).toHaveLength(1);
    expect(consoleHeard.events).toEqual([{ event: 'store.changed', payload: { reason: 'edit' } }]);
    // The team server is not left holding the stream.
    expect(held[0]!.closed).toBe(true);
  });
});
