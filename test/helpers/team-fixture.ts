import type { Store } from '../../main/store/seam/store.ts';
import type { Role } from '../../shared/people.ts';
import { prepareTeamDatabase } from './team-database.ts';
import { cookieOf, startTeamServer, teamRequest, type TeamServerProcess } from './team-server-process.ts';

export const TEAM_PASSWORD = 'a long enough passphrase';

export interface TeamOptions {
  /** The accounts, each with the password TEAM_PASSWORD. */
  people: readonly (readonly [name: string, role: Role])[];
  /** How many server processes on the one database. */
  processes?: number;
  /** The servers' clock (`--clock`); the wall clock when none. */
  clock?: string;
  /** Anything else the database should hold before the servers start (leads, calls). */
  seed?: (store: Store) => Promise<void>;
  /** Added to each server process's environment (NEXTCALL_PHONE_KEY, say). */
  env?: Record<string, string>;
}

/**
 * A team as the tests need one: the database migrated, the accounts made, the seed written, then
 * `processes` team servers started on it (127.0.0.1, any free port). Stop them with `stopTeam`.
 */
export async function startTeam(databaseUrl: string, { people, processes = 1, clock, seed, env = {} }: TeamOptions): Promise<TeamServerProcess[]> {
  await prepareTeamDatabase(databaseUrl, Object.fromEntries(people), TEAM_PASSWORD, seed);
  const args = ['--database', databaseUrl, '--listen', '127.0.0.1:0', ...(clock ? ['--clock', clock] : [])];
  return Promise.all(Array.from({ length: processes }, () => startTeamServer(args, env)));
}

export async function stopTeam(servers: readonly TeamServerProcess[]): Promise<void> {
  await Promise.all(servers.map((server) => server.stop()));
}

/** What the team server answers a call: the HTTP status and the envelope. */
export interface TeamReply<Value> {
  status: number;
  ok: boolean;
  value: Value;
  error: { code: string; message: string };
}

/**
 * `startTeam`, then every person signed in on the first process: `call(who, method, input, on)`
 * asks as that person on server `on` (0 unless told). The servers are the caller's to stop.
 */
export async function signedInTeam(databaseUrl: string, options: TeamOptions) {
  const servers = await startTeam(databaseUrl, options);
  const cookies: Record<string, string> = {};
  for (const [name] of options.people) cookies[name] = cookieOf(await teamRequest(servers[0]!.origin, '/api/people.signIn', { input: { name, password: TEAM_PASSWORD } }));
  const call = async <Value>(who: string, method: string, input: unknown, on = 0): Promise<TeamReply<Value>> => {
    const answer = await teamRequest(servers[on]!.origin, `/api/${method}`, { input, cookie: cookies[who]! });
    return { status: answer.status, ...(JSON.parse(answer.body) as Omit<TeamReply<Value>, 'status'>) };
  };
  return { servers, cookies, call };
}
