import type { Store } from '../../main/store/seam/store.ts';
import type { Role } from '../../shared/people.ts';
import { prepareTeamDatabase } from './team-database.ts';
import { startTeamServer, type TeamServerProcess } from './team-server-process.ts';

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
