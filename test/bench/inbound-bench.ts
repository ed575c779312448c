import { request as httpRequest } from 'node:http';
import { performance } from 'node:perf_hooks';
import type { QueueSnapshot } from '../../shared/leads.ts';
import { postWebhook, signedWebhook, startInboundTeam, type WebhookAnswer } from '../helpers/inbound-team.ts';
import { REASK_GAP_MS } from '../../renderer/src/store/inbound-slice.ts';
import { consoleCall, logThenNext, signInConsoles, type BenchConsole } from './bench-consoles.ts';
import { CLOCK, percentile, seed } from './team-bench.ts';

/**
 * `npm run bench -- inbound`: a burst of signed webhooks (1,000 in 10 s, spread over two team
 * server processes, some the same person asking again, some byte-for-byte replays) while
 * simulated consoles work a list through the same processes on a throw-away PostgreSQL. Each
 * console does what the renderer does (inbound-slice.ts): it follows its event stream and, on
 * each inbound.arrived, asks the queue again (one question in flight, one more at most, a second after the last began; with
 * `reconsider` when no disposition is on its way). Figures: the leads stored (counted by email
 * and by number from the database: duplicates merged), refusals by status, the webhook's answer
 * time p50/p95 beside the same webhooks sent one at a time to a quiet server, and the consoles'
 * disposition → next lead p50/p95 during the burst beside the same consoles without it.
 * BENCH_INBOUND_WEBHOOKS, BENCH_INBOUND_CONSOLES, BENCH_INBOUND_SECONDS, BENCH_INBOUND_LEADS size it;
 * BENCH_INBOUND_PACE_MS is each console's rest between a disposition and the next (1,000 ms; 0 for
 * a closed loop).
 */
export interface InboundBenchOptions {
  webhooks: number;
  consoles: number;
  seconds: number;
  leads: number;
  /**
   * The rest between one lead's disposition and the next, per console. 0 is a closed loop: every
   * console as fast as the machine answers, which measures capacity (any extra work shows as
   * waiting); a rep's pace is tens of seconds, so a second is already many times a real floor's.
   */
  paceMs: number;
}

interface Latency {
  samples: number;
  p50: number;
  p95: number;
}
const latency = (samples: number[]): Latency => ({ samples: samples.length, p50: percentile(samples, 50), p95: percentile(samples, 95) });

/** Counts a console's inbound.arrived events as its event stream brings them; returns the stop. */
function followArrivals(client: BenchConsole, onArrival: () => void): () => void {
  const outgoing = httpRequest(new URL('/api/events', client.origin), { headers: { Cookie: client.cookie } }, (response) => {
    let text = '';
    response.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      let at: number;
      while ((at = text.indexOf('event: inbound.arrived\n')) >= 0) {
        text = text.slice(at + 1);
        onArrival();
      }
      if (text.length > 4096) text = text.slice(-64);
    });
  });
  outgoing.on('error', () => undefined);
  outgoing.end();
  return () => outgoing.destroy();
}

/** The consoles working until the deadline: their disposition → next lead times, and failed requests. */
async function work(clients: BenchConsole[], seconds: number, paceMs: number): Promise<{ samples: number[]; failures: number; asked: number }> {
  const samples: number[] = [];
  let failures = 0;
  let asked = 0;
  const deadline = performance.now() + seconds * 1_000;
  const stops: (() => void)[] = [];
  await Promise.all(
    clients.map(async (client) => {
      let next = (await consoleCall<QueueSnapshot>(client, 'queue.next', { consoleId: client.consoleId })).next;
      let logging = false;
      let asking = false;
      let again = false;
      let askedAt = -Infinity;
      const ask = async (): Promise<void> => {
        if (asking) return void (again = true);
        asking = true;
        askedAt = Date.now();
        try {
          asked++;
          const reconsider = !logging;
          const fresh = await consoleCall<QueueSnapshot>(client, 'queue.next', { consoleId: client.consoleId, reconsider });
          if (reconsider && !logging) next = fresh.next;
        } catch {
          failures++;
        } finally {
          // As the console does (inbound-slice.ts): the next question no sooner than the gap after this one.
          if (again) {
            again = false;
            setTimeout(() => {
              asking = false;
              void ask();
            }, Math.max(0, askedAt + REASK_GAP_MS - Date.now()));
          } else asking = false;
        }
      };
      stops.push(followArrivals(client, () => void ask()));
      for (let n = 0; next && performance.now() < deadline; n++) {
        logging = true;
        const logged = await logThenNext(client, next.card.lead.id, n, samples);
        logging = false;
        if (!logged.ok) failures++;
        next = logged.next;
        if (paceMs > 0) await new Promise((resolve) => setTimeout(resolve, paceMs));
      }
    }),
  );
  for (const stop of stops) stop();
  return { samples, failures, asked };
}

export async function benchInbound({ webhooks, consoles, seconds, leads, paceMs }: InboundBenchOptions): Promise<Record<string, unknown>> {
  const team = await startInboundTeam({ people: Array.from({ length: consoles }, (_, i) => ({ name: `rep${i + 1}`, role: 'rep' as const })), servers: 2, clock: CLOCK });
  try {
    await seed(team.store, leads);
    const origins = team.servers.map((s) => s.origin);
    // Who asks: 70 % of the requests are new people, the rest the same people asking again
    // (newly signed: merged into their lead); every 50th is the request before it sent again,
    // byte for byte, to the other process (a replay, refused).
    const people = Math.round(webhooks * 0.7);
    const person = (n: number, round: number, domain = 'burst.example') => ({
      firstName: `Inbound${n}`,
      lastName: 'Burst',
      email: `inbound${n}@${domain}`,
      phone: `+1646${String(3_000_000 + n).padStart(7, '0')}`,
      company: `Burst ${n % 40}`,
      request: { title: `Asked for a call (${round})` },
    });

    // Baseline: 100 webhooks (other people), one at a time, to a quiet server.
    const quiet: number[] = [];
    for (let n = 0; n < 100; n++) {
      const t0 = performance.now();
      await signedWebhook(origins[n % 2]!, '/inbound/website', team.secret, person(100_000 + n, 0, 'quiet.example'), team.now()).send();
      quiet.push(performance.now() - t0);
    }

    const clients = await signInConsoles(team.servers, consoles);
    const alone = await work(clients, seconds, paceMs);

    // The burst, paced evenly over `seconds`, while the same consoles work. Signed as it goes
    // (a sender signs when it sends), so the replay window is the server's to judge.
    const sends: (() => Promise<WebhookAnswer>)[] = [];
    const signed: ReturnType<typeof signedWebhook>[] = [];
    let asking = 0;
    for (let i = 0; i < webhooks; i++) {
      if (i % 50 === 49) {
        // Sent 10 ms after the request it repeats, which by then is signed and on its way.
        const other = origins[(i + 1) % 2]!;
        sends.push(() => postWebhook(other, '/inbound/website', signed[i - 1]!.body, signed[i - 1]!.headers));
        continue;
      }
      const j = asking++;
      const payload = person(j % people, Math.floor(j / people));
      const origin = origins[i % 2]!;
      sends.push(() => (signed[i] = signedWebhook(origin, '/inbound/website', team.secret, payload, team.now())).send());
    }
    const during = work(clients, seconds, paceMs);
    const answered: number[] = [];
    const statuses = new Map<number, number>();
    const interval = (seconds * 1_000) / sends.length;
    const started = performance.now();
    await Promise.all(
      sends.map(async (send, i) => {
        const wait = started + i * interval - performance.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const t0 = performance.now();
        const answer = await send();
        answered.push(performance.now() - t0);
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
      }),
    );
    const burstSeconds = (performance.now() - started) / 1_000;
    const busy = await during;

    const stored = (await team.store.one<{ leads: number; emails: number; numbers: number }>(
      `SELECT count(*) AS leads, count(DISTINCT l.email) AS emails,
              (SELECT count(DISTINCT p.e164) FROM phones p JOIN leads b ON b.id = p.lead_id WHERE b.email LIKE '%@burst.example') AS numbers
       FROM leads l WHERE l.email LIKE '%@burst.example'`,
    ))!;
    const requests = (await team.store.one<{ n: number }>("SELECT count(*) AS n FROM activities a JOIN leads l ON l.id = a.lead_id WHERE a.type = 'call-request' AND l.email LIKE '%@burst.example'"))!.n;
    return {
      webhooks: sends.length,
      people: Math.min(people, asking),
      distinctRequests: asking,
      burstSeconds,
      consoles,
      seconds,
      paceMs,
      stored: { leads: Number(stored.leads), emails: Number(stored.emails), numbers: Number(stored.numbers), callRequests: Number(requests) },
      statuses: Object.fromEntries([...statuses].sort(([a], [b]) => a - b)),
      webhookAnswer: { burst: latency(answered), quietOneAtATime: latency(quiet) },
      consolesDispositionToNext: { duringBurst: { ...latency(busy.samples), failures: busy.failures, queueAsked: busy.asked }, withoutBurst: { ...latency(alone.samples), failures: alone.failures, queueAsked: alone.asked } },
    };
  } finally {
    await team.stop();
  }
}
