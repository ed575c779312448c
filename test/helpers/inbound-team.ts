import { request as httpRequest } from 'node:http';
import { createAccount } from '../../main/people/accounts.ts';
import { INBOUND_KEY_VARIABLE, readInboundKey, type InboundKey } from '../../main/inbound/inbound-secrets.ts';
import { signatureOf } from '../../main/inbound/inbound-signature.ts';
import { createSource } from '../../main/inbound/inbound-sources.ts';
import type { Role } from '../../shared/people.ts';
import { migratePostgres } from '../../main/store/postgres-migrations.ts';
import { openPostgresStore } from '../../main/store/seam/postgres-store.ts';
import type { Store } from '../../main/store/seam/store.ts';
import { startPostgresCluster, type PostgresCluster } from './postgres-cluster.ts';
import { startTeamServer, type TeamServerProcess } from './team-server-process.ts';

/**
 * A team on a real PostgreSQL for inbound webhooks, as the e2e and the bench need it: a database,
 * accounts, an inbound source with its secret, and server processes started with the inbound key
 * (and the same --clock, so a signature's time agrees with theirs). Webhooks are sent as a sender
 * would: raw bytes, signed by openssl's recipe (HMAC-SHA256 of "timestamp.body").
 */
export const INBOUND_KEY_HEX = 'a'.repeat(64);
export const inboundKey = readInboundKey(INBOUND_KEY_HEX) as InboundKey;
export const PASSWORD = 'a long enough passphrase';

export interface WebhookAnswer {
  status: number;
  body: { ok: boolean; reason: string; leadId?: number };
}

export function postWebhook(origin: string, path: string, body: Buffer | string, headers: Record<string, string>): Promise<WebhookAnswer> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(new URL(path, origin), { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers } }, (response) => {
      let text = '';
      response.on('data', (chunk: Buffer) => (text += chunk.toString()));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) as WebhookAnswer['body'] }));
    });
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/** A webhook signed at `atMs` (the servers' clock): `send` posts it; body and headers let a test send it again, byte for byte. */
export function signedWebhook(origin: string, path: string, secret: string, payload: unknown, atMs = Date.now()) {
  const body = Buffer.from(JSON.stringify(payload));
  const timestamp = String(Math.floor(atMs / 1000));
  const headers = { 'X-Nextcall-Timestamp': timestamp, 'X-Nextcall-Signature': signatureOf(secret, timestamp, body) };
  return { send: () => postWebhook(origin, path, body, headers), body, headers };
}

export interface InboundTeam {
  cluster: PostgresCluster;
  databaseUrl: string;
  /** A connection of the test's own, to count what was written. */
  store: Store;
  servers: TeamServerProcess[];
  /** The source "website"'s secret. */
  secret: string;
  /** The servers' clock now (they run on --clock when one is given). */
  now(): number;
  stop(): Promise<void>;
}

export async function startInboundTeam(options: { people: { name: string; role: Role }[]; servers: number; clock?: string; perMinute?: number }): Promise<InboundTeam> {
  const cluster = await startPostgresCluster();
  const databaseUrl = await cluster.createDatabase();
  const store = await openPostgresStore({ connectionString: databaseUrl, max: 2 });
  await migratePostgres(store);
  for (const person of options.people) await createAccount(store, Date.now(), { name: person.name, role: person.role, password: PASSWORD });
  const offset = options.clock ? Date.parse(options.clock) - Date.now() : 0;
  const now = () => Date.now() + offset;
  const { secret } = await createSource(store, inboundKey, now(), 'website', options.perMinute);
  const args = ['--database', databaseUrl, '--listen', '127.0.0.1:0', ...(options.clock ? ['--clock', options.clock] : [])];
  const servers = await Promise.all(Array.from({ length: options.servers }, () => startTeamServer(args, { [INBOUND_KEY_VARIABLE]: INBOUND_KEY_HEX })));
  return {
    cluster,
    databaseUrl,
    store,
    servers,
    secret,
    now,
    async stop() {
      await Promise.all(servers.map((server) => server.stop()));
      await store.close();
      cluster.stop();
    },
  };
}
