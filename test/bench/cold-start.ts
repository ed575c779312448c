import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { forgetCleanClose } from '../../main/store/clean-close.ts';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { STORE_FILE } from '../../main/data-dir.ts';

/**
 * Cold start: from the moment the process is started to the first lead served by the API (the
 * web host's queue.next over HTTP), each start a new process on the same store. Beside it, in the
 * same run, the floor: a new Node process that opens the database and makes one indexed read.
 * The store's pages are in the OS cache after the first start, as they are on a rep's machine
 * that has run the console before; the first start of each kind is left out of both.
 * afterCrash: each start finds no record of a clean close, as after a crash or a kill, so the
 * store is checked whole before it is served (store/clean-close.ts).
 */
const SERVE = fileURLToPath(new URL('../../main/web/serve.ts', import.meta.url));
const FLOOR = fileURLToPath(new URL('./open-and-read.ts', import.meta.url));

export interface ColdStartResult {
  firstLead: number[];
  floor: number[];
}

export async function measureColdStart(dataDir: string, clock: string, samples: number, { afterCrash = false } = {}): Promise<ColdStartResult> {
  const firstLead: number[] = [];
  const floor: number[] = [];
  for (let i = 0; i <= samples; i++) {
    if (afterCrash) forgetCleanClose(join(dataDir, STORE_FILE));
    const served = await firstLeadServed(dataDir, clock);
    const read = await openAndRead(join(dataDir, STORE_FILE));
    if (i === 0) continue;
    firstLead.push(served);
    floor.push(read);
  }
  return { firstLead, floor };
}

/** Starts the web host and asks it for the next lead as soon as it says where it listens. */
function firstLeadServed(dataDir: string, clock: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [SERVE, '--data-dir', dataDir, '--clock', clock, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
  return new Promise<number>((resolve, reject) => {
    let output = '';
    const fail = (error: Error) => {
      child.kill('SIGTERM');
      reject(error);
    };
    const onData = async (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (!match) return;
      child.stdout!.off('data', onData);
      const url = new URL(match[1]!);
      const token = new URLSearchParams(url.hash.slice(1)).get('token');
      try {
        const response = await fetch(`${url.origin}/api/queue.next`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
          body: JSON.stringify({ input: { consoleId: 'bench-cold-start' } }),
        });
        const body = (await response.json()) as { ok: boolean; value?: { next: unknown } };
        const elapsed = performance.now() - t0;
        if (!body.ok || !body.value?.next) return fail(new Error(`The web host served no lead: ${JSON.stringify(body).slice(0, 300)}`));
        child.once('exit', () => resolve(elapsed));
        child.kill('SIGTERM');
      } catch (error) {
        fail(error as Error);
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0 && code !== null) reject(new Error(`The web host exited with ${code}: ${output}`));
    });
  });
}

/** The floor: a Node process that opens the store and reads one lead by its index. */
function openAndRead(file: string): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, [FLOOR, file], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise<number>((resolve, reject) => {
    let output = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('\n')) resolve(performance.now() - t0);
    });
    child.once('error', reject);
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`open-and-read exited with ${code}: ${output}`));
    });
  });
}
