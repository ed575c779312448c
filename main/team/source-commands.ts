import type { Clock } from '../clock.ts';
import { UsageError } from '../runtime-options.ts';
import { migratePostgres } from '../store/postgres-migrations.ts';
import { openPostgresStore } from '../store/seam/postgres-store.ts';
import { INBOUND_KEY_VARIABLE, readInboundKey } from '../inbound/inbound-secrets.ts';
import { createSource, deleteSource, InboundSourceError, listSources, rotateSecret } from '../inbound/inbound-sources.ts';

/**
 * `npm run team -- add-source|rotate-secret|remove-source|sources`: the places webhooks come
 * from, managed on the server's own machine with the same NEXTCALL_INBOUND_KEY the server runs
 * with (a secret sealed under another key could not be opened by the server). A new or rotated
 * secret is printed once, here, and never again. Returns the text to print.
 */
export type SourceCommand = 'add-source' | 'rotate-secret' | 'remove-source' | 'sources';
export const SOURCE_COMMANDS: readonly SourceCommand[] = ['add-source', 'rotate-secret', 'remove-source', 'sources'];

export async function runSourceCommand(request: { command: SourceCommand; database: string; name: string | undefined; perMinute: string | undefined; clock: Clock }): Promise<string> {
  const { command, name } = request;
  if (command !== 'sources' && !name) throw new UsageError('--name is required: the source’s name, the last part of its webhook’s address (/inbound/<name>).');
  const perMinute = request.perMinute === undefined ? undefined : Number(request.perMinute);
  if (perMinute !== undefined && !Number.isInteger(perMinute)) throw new UsageError('--per-minute is a whole number of requests a minute.');
  const key = readInboundKey(process.env[INBOUND_KEY_VARIABLE]);
  if (typeof key === 'string') throw new UsageError(key);
  const store = await openPostgresStore({ connectionString: request.database, max: 2 });
  try {
    await migratePostgres(store);
    const now = request.clock.now();
    const secretSaid = (source: string, secret: string) =>
      `${secret}\n\nThe secret of ${source}, shown this once: keep it with the sender (HubSpot, the website). Webhooks go to /inbound/${source} (our JSON) or /inbound/${source}/hubspot.`;
    switch (command) {
      case 'add-source': {
        const { source, secret } = await createSource(store, key, now, name!, perMinute);
        return secretSaid(source.name, secret);
      }
      case 'rotate-secret': {
        const { source, secret } = await rotateSecret(store, key, now, name!);
        return `${secretSaid(source.name, secret)}\nThe old secret signs nothing from now on.`;
      }
      case 'remove-source':
        await deleteSource(store, name!);
        return `${name!} is removed: its webhooks are refused (404) from now on.`;
      case 'sources': {
        const sources = await listSources(store);
        if (sources.length === 0) return 'No inbound sources yet: add one with add-source --name NAME.';
        return sources.map((s) => `${s.name}\t${s.perMinute} a minute\tsecret from ${new Date(s.rotatedAt).toISOString()}`).join('\n');
      }
    }
  } catch (error) {
    if (error instanceof InboundSourceError) throw new UsageError(error.message);
    throw error;
  } finally {
    await store.close();
  }
}
