import type { Queryable } from '../store/seam/store.ts';
import { newSecret, openSecret, sealSecret, type InboundKey } from './inbound-secrets.ts';

/**
 * The places leads arrive from (a HubSpot workflow, the website's form), each with its own
 * secret and its own flood limit. A team lead creates one and sees its secret once; rotating
 * gives a new secret and the old one stops at once; deleting stops the source.
 */
export interface InboundSource {
  id: number;
  name: string;
  perMinute: number;
  createdAt: number;
  rotatedAt: number;
}

/** Requests a source may send in a minute before it is refused as a flood (429). */
export const DEFAULT_PER_MINUTE = 3000;
const NAME = /^[a-z0-9][a-z0-9-]{0,39}$/;

export class InboundSourceError extends Error {}

const COLUMNS = 'id, name, per_minute AS "perMinute", created_at AS "createdAt", rotated_at AS "rotatedAt"';

export async function createSource(q: Queryable, key: InboundKey, now: number, name: string, perMinute = DEFAULT_PER_MINUTE): Promise<{ source: InboundSource; secret: string }> {
  if (!NAME.test(name)) throw new InboundSourceError('A source’s name is 1 to 40 lower-case letters, digits or dashes, starting with a letter or digit (it is part of the webhook’s address).');
  if (!Number.isInteger(perMinute) || perMinute < 1 || perMinute > 100_000) throw new InboundSourceError('A source’s limit is a whole number of requests a minute, from 1 to 100,000.');
  const secret = newSecret();
  return q.transaction(async (tx) => {
    if (await tx.one('SELECT 1 AS found FROM inbound_sources WHERE name = ?', [name])) throw new InboundSourceError(`There is already a source named ${name}.`);
    const source = (await tx.one<InboundSource>(`INSERT INTO inbound_sources (name, secret_sealed, per_minute, created_at, rotated_at) VALUES (?, ?, ?, ?, ?) RETURNING ${COLUMNS}`, [name, sealSecret(key, secret), perMinute, now, now]))!;
    return { source, secret };
  });
}

export async function rotateSecret(q: Queryable, key: InboundKey, now: number, name: string): Promise<{ source: InboundSource; secret: string }> {
  const secret = newSecret();
  const source = await q.one<InboundSource>(`UPDATE inbound_sources SET secret_sealed = ?, rotated_at = ? WHERE name = ? RETURNING ${COLUMNS}`, [sealSecret(key, secret), now, name]);
  if (!source) throw new InboundSourceError(`There is no source named ${name}.`);
  return { source, secret };
}

export async function deleteSource(q: Queryable, name: string): Promise<void> {
  const { changes } = await q.run('DELETE FROM inbound_sources WHERE name = ?', [name]);
  if (changes === 0) throw new InboundSourceError(`There is no source named ${name}.`);
}

export function listSources(q: Queryable): Promise<InboundSource[]> {
  return q.all<InboundSource>(`SELECT ${COLUMNS} FROM inbound_sources ORDER BY name`);
}

/** A source by the name in the webhook's address, with its secret opened; null when there is none or the key cannot open it. */
export async function sourceWithSecret(q: Queryable, key: InboundKey, name: string): Promise<(InboundSource & { secret: string }) | null> {
  if (!NAME.test(name)) return null;
  const row = await q.one<InboundSource & { sealed: string }>(`SELECT ${COLUMNS}, secret_sealed AS sealed FROM inbound_sources WHERE name = ?`, [name]);
  if (!row) return null;
  const secret = openSecret(key, row.sealed);
  if (secret === null) return null;
  const { sealed: _sealed, ...source } = row;
  return { ...source, secret };
}
