import { createHash } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { openPostgresStore } from '../../../main/store/seam/postgres-store.ts';
import type { PhoneAccount, PhoneSettingsView } from '../../../shared/phone.ts';
import { seedCsv } from '../../helpers/seed-leads.ts';
import { startTeam, stopTeam, TEAM_PASSWORD } from '../../helpers/team-fixture.ts';
import { cookieOf, teamRequest, type TeamServerProcess } from '../../helpers/team-server-process.ts';
import { csv } from '../../helpers/test-core.ts';
import { usePostgresCluster } from '../../helpers/test-stores.ts';

/**
 * The built-in phone on the team server, through real server processes on one PostgreSQL
 * database: each rep's SIP account is their own, kept with their account, its password a sealed
 * digest under the server's key, never sent back; any process reads it.
 */
const cluster = usePostgresCluster();
const running: TeamServerProcess[] = [];
afterEach(async () => {
  await stopTeam(running.splice(0));
});

const PHONE_KEY = 'ab'.repeat(32);
const SIP_PASSWORD = 'sip secret 1001';
const DIGEST = createHash('md5').update(`1001:pbx.example.com:${SIP_PASSWORD}`).digest('hex');
const setUp = { mode: 'softphone', server: 'wss://pbx.example.com:8089/ws', user: '1001', domain: 'pbx.example.com', callerId: 'Avery' };

interface Envelope<Value> {
  ok: boolean;
  value: Value;
  error: { code: string; message: string };
}

// A Monday, 10:00 in New York: within calling hours.
const NOW = '2026-11-23T15:00:00Z';

async function team(processes: number, env: Record<string, string> = { NEXTCALL_PHONE_KEY: PHONE_KEY }) {
  const url = await cluster().createDatabase();
  const seed = async (store: Parameters<typeof seedCsv>[0]) => {
    await seedCsv(store, csv('Record ID,First Name,Last Name,Phone Number,Country', '1,Ada,Lovelace,+12125550100,US'), { now: Date.parse(NOW) });
  };
  const servers = await startTeam(url, { people: [['sam', 'team-lead'], ['avery', 'rep'], ['blake', 'rep']], processes, env, clock: NOW, seed });
  running.push(...servers);
  const cookies: Record<string, string> = {};
  for (const name of ['sam', 'avery', 'blake']) cookies[name] = cookieOf(await teamRequest(servers[0]!.origin, '/api/people.signIn', { input: { name, password: TEAM_PASSWORD } }));
  const call = async <Value>(who: string, method: string, input: unknown, on = 0) => {
    const answer = await teamRequest(servers[on]!.origin, `/api/${method}`, { input, cookie: cookies[who]! });
    return { status: answer.status, body: answer.body, ...(JSON.parse(answer.body) as Envelope<Value>) };
  };
  return { url, call };
}

describe('the built-in phone on the team server', () => {
  it('keeps a rep’s SIP account with their account, read back without the password by any process, and nobody else’s', async () => {
    const t = await team(2);
    const saved = await t.call<PhoneSettingsView>('avery', 'phone.save', { ...setUp, password: SIP_PASSWORD }, 0);
    expect(saved).toMatchObject({ ok: true, value: { ...setUp, hasPassword: true, protection: 'team-server-key' } });
    expect(saved.body).not.toContain(SIP_PASSWORD);
    expect(saved.body).not.toContain(DIGEST);

    // The other process reads it (nothing kept in a process's memory), still without the password.
    const read = await t.call<PhoneSettingsView>('avery', 'phone.settings', {}, 1);
    expect(read).toMatchObject({ ok: true, value: { ...setUp, hasPassword: true } });
    expect(read.body).not.toContain(SIP_PASSWORD);
    // The softphone registers with the digest for the realm, as alone: never the password.
    const account = await t.call<PhoneAccount>('avery', 'phone.account', {}, 1);
    expect(account.value).toEqual({ server: setUp.server, uri: 'sip:1001@pbx.example.com', authorizationUser: '1001', realm: 'pbx.example.com', ha1: DIGEST, displayName: 'Avery' });
    expect(account.body).not.toContain(SIP_PASSWORD);

    // Blake, another rep, and sam, a team lead, each see their own: none set up.
    for (const who of ['blake', 'sam']) {
      expect((await t.call<PhoneSettingsView>(who, 'phone.settings', {}, 1)).value).toMatchObject({ mode: 'link', user: '', server: '', hasPassword: false });
      expect((await t.call(who, 'phone.account', {}, 0)).value).toBeNull();
    }
    // Blake saving his changes nothing of avery's.
    await t.call('blake', 'phone.save', { ...setUp, user: '1002', password: 'another' });
    expect((await t.call<PhoneAccount>('avery', 'phone.account', {})).value.ha1).toBe(DIGEST);

    // The database holds neither the password nor the digest in clear.
    const store = await openPostgresStore({ connectionString: t.url });
    try {
      const rows = JSON.stringify(await store.all('SELECT account_id, settings FROM phone_accounts'));
      expect(rows).not.toContain(SIP_PASSWORD);
      expect(rows).not.toContain(DIGEST);
      expect(await store.all('SELECT count(*)::int AS n FROM phone_accounts')).toEqual([{ n: 2 }]);
    } finally {
      await store.close();
    }

    // Bad input: a sentence, nothing saved.
    const bad = await t.call('avery', 'phone.save', { server: 'ws://pbx.example.com/ws' });
    expect(bad).toMatchObject({ status: 400, ok: false, error: { code: 'invalid-input' } });
    expect(bad.error.message).toContain('use wss://');
    expect((await t.call<PhoneSettingsView>('avery', 'phone.settings', {})).value.server).toBe(setUp.server);
    // Signed out, nothing.
    expect((await teamRequest(running[0]!.origin, '/api/phone.settings', { input: {} })).status).toBe(401);
  });

  it('refuses a password in a sentence while the server has no phone key, and keeps the other settings', async () => {
    const t = await team(1, {});
    const refused = await t.call('avery', 'phone.save', { ...setUp, password: SIP_PASSWORD });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('NEXTCALL_PHONE_KEY') } });
    expect(await t.call('avery', 'phone.save', setUp)).toMatchObject({ ok: true, value: { ...setUp, hasPassword: false } });
  });

  it('flags a number bad on the network’s word only for the rep whose dial it was, seen on the other process', async () => {
    const t = await team(2);
    const next = await t.call<{ next: { card: { lead: { id: number } } } }>('avery', 'queue.next', { consoleId: 'console-avery' });
    const leadId = next.value.next.card.lead.id;
    const dial = await t.call<{ dialId: number }>('avery', 'calls.dial', { consoleId: 'console-avery', leadId, number: '+12125550100' });
    expect(dial).toMatchObject({ ok: true });
    const outcome = { leadId, dialId: dial.value.dialId, number: '+12125550100', outcome: 'invalid-number', cause: 'Not Found' };
    expect(await t.call('blake', 'phone.outcome', outcome)).toMatchObject({ status: 403, ok: false, error: { code: 'forbidden' } });
    expect(await t.call('avery', 'phone.outcome', { ...outcome, number: '+12125550111' })).toMatchObject({ status: 400, ok: false });
    expect(await t.call('avery', 'phone.outcome', outcome, 1)).toMatchObject({ ok: true, value: { flaggedBad: true } });
    const lead = await t.call<{ phones: { e164: string; bad: boolean }[] }>('sam', 'leads.get', { leadId }, 0);
    expect(lead.value.phones).toMatchObject([{ e164: '+12125550100', bad: true }]);
  });
});
