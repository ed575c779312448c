import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from '@playwright/test';
import { createTeamDatabase } from '../helpers/team-database.ts';
import { startPostgresCluster, type PostgresCluster } from '../helpers/postgres-cluster.ts';
import { startTeamServer, type TeamServerProcess } from '../helpers/team-server-process.ts';
import { startHost, type RunningHost } from './web-host.ts';

export interface SoloBesideTeam {
  /** The team server: a throw-away cluster's database with sam (team lead) and jordan (rep). */
  server: TeamServerProcess;
  databaseUrl: string;
  /** A solo web host with a store of its own, the console that joins the team. */
  host: RunningHost;
}

/**
 * A team server and, beside it, a rep's own console (the web host on a fresh data folder), both
 * on `clock`: started before the file's tests, stopped after. The fields are there once started.
 */
export function soloHostBesideTeam(folderPrefix: string, clock: string, password: string): SoloBesideTeam {
  const both = {} as SoloBesideTeam;
  let cluster: PostgresCluster | undefined;
  let dataDir: string | undefined;
  test.beforeAll(async () => {
    test.setTimeout(180_000);
    cluster = await startPostgresCluster();
    both.databaseUrl = await createTeamDatabase(cluster, { sam: 'team-lead', jordan: 'rep' }, password);
    both.server = await startTeamServer(['--database', both.databaseUrl, '--listen', '127.0.0.1:0', '--clock', clock]);
    dataDir = mkdtempSync(join(tmpdir(), folderPrefix));
    both.host = await startHost(dataDir, clock);
  });
  test.afterAll(async () => {
    await both.host?.stop();
    await both.server?.stop();
    cluster?.stop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });
  return both;
}
