import { performance } from 'node:perf_hooks';
import type { QueueSnapshot } from '../../shared/leads.ts';
import { cookieOf, teamRequest } from '../helpers/team-server-process.ts';

/** The password of the benches' rep accounts (rep1…repN). */
export const PASSWORD = 'a long enough passphrase';
/** The dispositions a bench console logs, in turn. */
export const CODES = ['no-answer', 'voicemail'];

/** A simulated console: signed in on one server process, with its own console id. */
export interface BenchConsole {
  origin: string;
  cookie: string;
  consoleId: string;
}

/** Each console signed in as its own rep (rep1…repN, made beforehand) on one of the processes, alternately. */
export function signInConsoles(servers: readonly { origin: string }[], consoles: number): Promise<BenchConsole[]> {
  return Promise.all(
    Array.from({ length: consoles }, async (_, i) => {
      const origin = servers[i % servers.length]!.origin;
      const cookie = cookieOf(await teamRequest(origin, '/api/people.signIn', { input: { name: `rep${i + 1}`, password: PASSWORD } }));
      return { origin, cookie, consoleId: `bench-console-${i + 1}` };
    }),
  );
}

/** One API call as the console sends it; a refusal throws with main's sentence. */
export async function consoleCall<T>(client: BenchConsole, method: string, input: unknown): Promise<T> {
  const answer = await teamRequest(client.origin, `/api/${method}`, { input, cookie: client.cookie });
  const envelope = JSON.parse(answer.body) as { ok: boolean; value: T; error?: { message: string } };
  if (!envelope.ok) throw new Error(`${method}: ${envelope.error?.message}`);
  return envelope.value;
}

/**
 * One disposition (no answer and voicemail in turn) and the next lead it brings, timed into
 * `samples`; when it is refused, the console asks the queue instead, as the renderer does.
 */
export async function logThenNext(client: BenchConsole, leadId: number, n: number, samples: number[]): Promise<{ ok: boolean; next: QueueSnapshot['next'] }> {
  const t0 = performance.now();
  try {
    const { queue } = await consoleCall<{ queue: QueueSnapshot }>(client, 'calls.disposition', { leadId, code: CODES[n % 2], notes: '', consoleId: client.consoleId });
    samples.push(performance.now() - t0);
    return { ok: true, next: queue.next };
  } catch {
    return { ok: false, next: (await consoleCall<QueueSnapshot>(client, 'queue.next', { consoleId: client.consoleId })).next };
  }
}
