import { expect, type Browser, type Page } from '@playwright/test';
import type { Role } from '../../shared/people.ts';
import type { Store } from '../../main/store/seam/store.ts';
import { startPostgresCluster, type PostgresCluster } from '../helpers/postgres-cluster.ts';
import { createTeamDatabase } from '../helpers/team-database.ts';
import { startTeamServer, type TeamServerProcess } from '../helpers/team-server-process.ts';

/** Every account's password in the team e2e tests. */
export const TEAM_PASSWORD = 'a long enough passphrase';
/** A password check is a second or two of hashing on an idle machine; far more on a loaded one. */
export const HASHING = { timeout: 30_000 };

/** The usual team: sam, a team lead; jordan and casey, reps. */
export const LEAD_AND_TWO_REPS = [
  ['sam', 'team-lead'],
  ['jordan', 'rep'],
  ['casey', 'rep'],
] as const satisfies readonly (readonly [string, Role])[];

export interface Team {
  databaseUrl: string;
  servers: TeamServerProcess[];
  stop(): Promise<void>;
}

/**
 * A throw-away PostgreSQL cluster with one team database: migrated, these accounts created, then
 * whatever `seed` writes; served by `processes` team server processes (one by default), on `clock`.
 */
export async function startTeam(options: {
  accounts: readonly (readonly [string, Role])[];
  clock?: string;
  processes?: number;
  seed?(store: Store): Promise<void>;
  /** Added to each server process's environment (NEXTCALL_PHONE_KEY, say). */
  env?: Record<string, string>;
}): Promise<Team> {
  const cluster: PostgresCluster = await startPostgresCluster();
  const databaseUrl = await createTeamDatabase(cluster, Object.fromEntries(options.accounts), TEAM_PASSWORD, options.seed);
  const args = ['--database', databaseUrl, '--listen', '127.0.0.1:0', ...(options.clock ? ['--clock', options.clock] : [])];
  const servers = await Promise.all(Array.from({ length: options.processes ?? 1 }, () => startTeamServer(args, options.env)));
  return {
    databaseUrl,
    servers,
    stop: async () => {
      await Promise.all(servers.map((server) => server.stop()));
      cluster.stop();
    },
  };
}

/** A browser of its own (its own cookies) at 1366×768, signed in on one server process; the API's refusals are kept. */
export async function signedIn(browser: Browser, origin: string, name: string): Promise<{ page: Page; refused: string[] }> {
  const page = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
  const refused: string[] = [];
  page.on('response', (response) => {
    const path = new URL(response.url()).pathname;
    if (path.startsWith('/api/') && path !== '/api/events' && response.status() !== 200) {
      void response.text().then((body) => refused.push(`${path} ${response.status()} ${body}`), () => undefined);
    }
  });
  await page.goto(origin);
  await page.getByLabel('Account name').fill(name);
  await page.getByLabel('Password').fill(TEAM_PASSWORD);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('signed-in')).toContainText(name, HASHING);
  return { page, refused };
}
