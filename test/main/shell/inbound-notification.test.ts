import { afterEach, describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch.ts';
import { createEventHub } from '../../../main/api/event-hub.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import { joinedDispatch } from '../../../main/joining/joined-dispatch.ts';
import { membership } from '../../../main/joining/membership.ts';
import { notifyCallRequests, type ConsoleWindow, type SystemNotifications } from '../../../main/shell/inbound-notification.ts';
import { PASSWORD, signedWebhook, startInboundTeam, type InboundTeam } from '../../helpers/inbound-team.ts';
import { within } from '../../helpers/team-server-process.ts';
import { testCore } from '../../helpers/test-core.ts';

/**
 * The desktop app's system notification for a call request. Electron's runtime cannot run here,
 * so its Notification class is stood in for by one that records what it was asked to show and
 * lets the test click it; everything else is real: a team server on PostgreSQL takes a signed
 * webhook, a console joined to it hears `inbound.arrived` through main's relay, and the
 * notification is shown from that.
 */
interface Shown {
  title: string;
  body: string;
  click(): void;
}

function systemNotifications(supported = true) {
  const shown: Shown[] = [];
  let onShown: (notice: Shown) => void = () => {};
  const next = () => new Promise<Shown>((resolve) => (onShown = resolve));
  class FakeNotification {
    static isSupported = () => supported;
    private clicked = () => {};
    private readonly options: { title?: string; body?: string };
    constructor(options: { title?: string; body?: string }) {
      this.options = options;
    }
    on(_event: 'click', listener: () => void) {
      this.clicked = listener;
      return this;
    }
    show() {
      const notice = { title: this.options.title ?? '', body: this.options.body ?? '', click: () => this.clicked() };
      shown.push(notice);
      onShown(notice);
    }
  }
  return { notifications: FakeNotification satisfies SystemNotifications, shown, next };
}

function consoleWindow(minimized: boolean) {
  const calls: string[] = [];
  const window: ConsoleWindow = {
    isMinimized: () => minimized,
    restore: () => void calls.push('restore'),
    focus: () => void calls.push('focus'),
  };
  return { window, calls };
}

const DANA = { firstName: 'Dana', lastName: 'Whitfield', email: 'dana@acme.example', phone: '(212) 555-0142', company: 'Acme', request: { title: 'Asked for a call from the pricing page' } };

let team: InboundTeam | null = null;
afterEach(async () => {
  await team?.stop();
  team = null;
});

describe('the desktop’s notification of a call request', () => {
  it('shows “New call request: Dana Whitfield, Acme” within a second of her webhook on a joined console, and a click brings the console forward', async () => {
    team = await startInboundTeam({ people: [{ name: 'jordan', role: 'rep' }], servers: 1 });
    const origin = team.servers[0]!.origin;
    const core = testCore();
    // The relay's event stream: the webhook is sent once the team server has answered it.
    let streamAnswered: (status: number) => void = () => {};
    const streamed = new Promise<number>((resolve) => (streamAnswered = resolve));
    const fetch: typeof globalThis.fetch = async (url, init) => {
      const response = await globalThis.fetch(url, init);
      if (String(url).endsWith('/api/events')) streamAnswered(response.status);
      return response;
    };
    const dispatch = joinedDispatch(createDispatcher(createHandlers(core)), membership(core.prefs), { events: core.events, fetch });
    const system = systemNotifications();
    const { window, calls } = consoleWindow(true);
    const stop = notifyCallRequests(core.events, system.notifications, () => window, () => team!.now());
    expect(await dispatch('teamServer.join', { address: origin })).toMatchObject({ ok: true });
    expect(await dispatch('people.signIn', { name: 'jordan', password: PASSWORD })).toMatchObject({ ok: true });
    expect(await within(5_000, 'the team’s event stream answered', streamed)).toBe(200);

    const shown = system.next();
    const answer = await signedWebhook(origin, '/inbound/website', team.secret, DANA, team.now()).send();
    expect(answer.status).toBe(201);
    const notice = await within(1_000, 'the notification', shown);
    expect(notice.title).toBe('Nextcall');
    expect(notice.body).toMatch(/^New call request: Dana Whitfield, Acme — asked [01] s ago$/);
    expect(calls).toEqual([]);
    notice.click();
    expect(calls).toEqual(['restore', 'focus']);
    stop();
  });

  it('shows nothing where the system has no notifications, nor for other events, nor once stopped', () => {
    const events = createEventHub();
    const unsupported = systemNotifications(false);
    notifyCallRequests(events, unsupported.notifications, () => null, () => 0);
    events.emit('inbound.arrived', { leadId: 1, name: 'Dana Whitfield', company: 'Acme', requestedAt: 0 });
    expect(unsupported.shown).toEqual([]);

    const system = systemNotifications();
    const stop = notifyCallRequests(events, system.notifications, () => null, () => 20_000);
    events.emit('floor.changed', { reason: 'sign-in' });
    events.emit('inbound.arrived', { leadId: 1, name: 'Dana Whitfield', company: null, requestedAt: 0 });
    expect(system.shown.map((n) => n.body)).toEqual(['New call request: Dana Whitfield — asked 20 s ago']);
    // A click with no window open (closed to the tray) does nothing rather than fail.
    system.shown[0]!.click();
    stop();
    events.emit('inbound.arrived', { leadId: 2, name: 'Eli Park', company: null, requestedAt: 0 });
    expect(system.shown).toHaveLength(1);
  });
});
