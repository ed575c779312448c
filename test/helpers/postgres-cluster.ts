import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/**
 * A throw-away PostgreSQL cluster for one test file: initdb into a temp folder, a server on
 * 127.0.0.1 on a free port (its socket in the same folder), fsync off (a test's data need not
 * survive a power cut), a database per caller, and everything stopped and removed at the end,
 * also when a test failed or the process exits early.
 *
 * Per file, not a vitest globalSetup: the SQLite-only tests (nearly all of them) never pay for a
 * cluster, and vitest's forks run files in separate processes, so a file owns its cluster whole.
 * initdb and postgres refuse to run as root: as root they run as the `postgres` OS user.
 */
export interface PostgresCluster {
  /** A new, empty database; its connection string. */
  createDatabase(name?: string): Promise<string>;
  /** The connection string of a database of this cluster. */
  url(database: string): string;
  /** Stops the server (its connections ended, as at a database restart) and starts it again. */
  restart(): void;
  stop(): void;
}

const BIN = findBin();

function findBin(): string | null {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return null;
  const versions = readdirSync(root)
    .filter((v) => existsSync(join(root, v, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length ? join(root, versions[0]!, 'bin') : null;
}

const asRoot = userInfo().uid === 0;

/** Runs a PostgreSQL program, as the postgres OS user when we are root. */
function runPg(program: string, args: string[]): void {
  const file = join(BIN!, program);
  const [command, argv] = asRoot ? ['runuser', ['-u', 'postgres', '--', file, ...args]] : [file, args];
  try {
    execFileSync(command, argv, { stdio: ['ignore', 'pipe', 'pipe'], cwd: '/' });
  } catch (error) {
    const { stderr, stdout } = error as { stderr?: Buffer; stdout?: Buffer };
    throw new Error(`${program} failed: ${stderr?.toString() || stdout?.toString() || String(error)}`, { cause: error });
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

const running = new Set<() => void>();
process.once('exit', () => {
  for (const stop of running) stop();
});

/** `settings`: more `name=value` server settings (the load test's pg_stat_statements, say). */
export async function startPostgresCluster(settings: readonly string[] = []): Promise<PostgresCluster> {
  if (!BIN) {
    throw new Error('PostgreSQL is not installed: the team tests need its initdb (apt-get install postgresql; .ci/run does it).');
  }
  const dir = mkdtempSync(join(tmpdir(), 'nextcall-pg-'));
  const data = join(dir, 'data');
  let started = false;
  const stop = () => {
    if (!running.delete(stop)) return;
    if (started) {
      try {
        runPg('pg_ctl', ['stop', '-D', data, '-m', 'immediate', '-w']);
      } catch {
        // Already gone (the server died with the test): nothing left to stop.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  running.add(stop);
  try {
    if (asRoot) {
      const { uid, gid } = postgresIds();
      chownSync(dir, uid, gid);
    }
    runPg('initdb', ['-D', data, '-U', 'postgres', '--auth=trust', '--no-sync', '-E', 'UTF8', '--locale=C']);
    const port = await freePort();
    // Loopback and a socket in the temp folder only; fsync off: test data need not survive a crash.
    const options = [`-p ${port}`, '-h 127.0.0.1', `-k ${dir}`, '-F', '-c full_page_writes=off', '-c synchronous_commit=off', '-c max_connections=100', ...settings.map((s) => `-c ${s}`)].join(' ');
    runPg('pg_ctl', ['start', '-D', data, '-w', '-t', '60', '-l', join(dir, 'server.log'), '-o', options]);
    started = true;
    const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
    let made = 0;
    return {
      url,
      async createDatabase(name = `test_${process.pid}_${++made}`) {
        const admin = new pg.Client({ connectionString: url('postgres') });
        await admin.connect();
        try {
          await admin.query(`CREATE DATABASE "${name}"`);
        } finally {
          await admin.end();
        }
        return url(name);
      },
      restart: () => runPg('pg_ctl', ['restart', '-D', data, '-m', 'fast', '-w', '-t', '60', '-l', join(dir, 'server.log')]),
      stop,
    };
  } catch (error) {
    stop();
    throw error;
  }
}

function postgresIds(): { uid: number; gid: number } {
  const line = execFileSync('id', ['postgres']).toString();
  return { uid: Number(/uid=(\d+)/.exec(line)![1]), gid: Number(/gid=(\d+)/.exec(line)![1]) };
}
