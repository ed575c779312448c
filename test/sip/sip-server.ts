import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CONFIG = fileURLToPath(new URL('./kamailio.cfg', import.meta.url));
export const KAMAILIO = process.env.KAMAILIO_PATH ?? '/usr/sbin/kamailio';

/** The test phone system's users: the rep, and every lead's phone (any +number) with one password. */
export const SIP_DOMAIN = 'nextcall.test';
export const REP_USER = '1001';
export const REP_PASSWORD = 'rep-Secret-9';
export const LEAD_PASSWORD = 'lead-Secret-7';

export interface SipServer {
  /** ws://127.0.0.1:port, the WebSocket the pages register on. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts Kamailio on a free loopback port with test/sip/kamailio.cfg, in the foreground (so it
 * dies with the test run), with its runtime files in a temp folder; resolves once it accepts
 * connections.
 */
export async function startSipServer(): Promise<SipServer> {
  const port = await freePort();
  const runDir = mkdtempSync(join(tmpdir(), 'nextcall-sip-'));
  const child = spawn(
    KAMAILIO,
    ['-f', CONFIG, '-DD', '-E', '-Y', runDir, '-m', '32', '-M', '8', '-l', `tcp:127.0.0.1:${port}`, '-A', `REP_PASSWORD="${REP_PASSWORD}"`, '-A', `LEAD_PASSWORD="${LEAD_PASSWORD}"`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr!.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-20_000)));
  try {
    await waitForPort(port, child, () => log);
  } catch (error) {
    await stop(child);
    rmSync(runDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: `ws://127.0.0.1:${port}`,
    async stop() {
      await stop(child);
      rmSync(runDir, { recursive: true, force: true });
    },
  };
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`Kamailio exited with ${child.exitCode}:\n${log()}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Kamailio did not listen on ${port}:\n${log()}`);
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
