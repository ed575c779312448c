import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from '@playwright/test';

const SERVE = fileURLToPath(new URL('../../main/web/serve.ts', import.meta.url));

export interface RunningHost {
  url: string;
  origin: string;
  token: string;
  stop(): Promise<void>;
  /** Calls the API the way the console does, for checks the screen does not show. */
  call<T>(method: string, input: unknown): Promise<T>;
}

/** Starts `npm run serve`'s entry on a data folder and waits for the URL it prints. */
export async function startHost(dataDir: string, clock: string): Promise<RunningHost> {
  const child = spawn(process.execPath, [SERVE, '--data-dir', dataDir, '--clock', clock, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) resolve(match[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}: ${output}`)));
    setTimeout(() => reject(new Error(`web host did not start: ${output}`)), 20_000);
  });
  const parsed = new URL(url);
  const token = new URLSearchParams(parsed.hash.slice(1)).get('token')!;
  return {
    url,
    origin: parsed.origin,
    token,
    stop: () => stop(child),
    async call<T>(method: string, input: unknown): Promise<T> {
      const response = await fetch(`${parsed.origin}/api/${method}`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
        body: JSON.stringify({ input }),
      });
      const body = (await response.json()) as { ok: boolean; value: T; error?: { message: string } };
      if (!body.ok) throw new Error(body.error?.message);
      return body.value;
    },
  };
}

function stop(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * A web host per test over a fresh data folder, on the given clock; `start()` again after
 * `host.stop()` is a restart over the same folder. Everything is stopped and removed after each test.
 */
export function hostPerTest(clock: string) {
  let dataDir = '';
  let current: RunningHost | null = null;
  test.beforeEach(() => {
    dataDir = mkdtempSync(join(tmpdir(), 'nextcall-e2e-'));
  });
  test.afterEach(async () => {
    await current?.stop();
    current = null;
    rmSync(dataDir, { recursive: true, force: true });
  });
  return {
    async start(): Promise<RunningHost> {
      current = await startHost(dataDir, clock);
      return current;
    },
    /** The running test's data folder, for checks on the files kept beside the store. */
    dataDir: () => dataDir,
  };
}
