import { spawn } from 'node:child_process';

/**
 * Another process (a CLI import, say) holding the store's write lock for `ms` milliseconds:
 * resolves once the lock is taken, with a promise for its release. node:sqlite is synchronous,
 * so the lock must live in another process for this one to wait on it.
 */
export async function holdWriteLock(file: string, ms: number): Promise<{ released: Promise<void> }> {
  const script = `
    const { DatabaseSync } = require('node:sqlite');
    const db = new DatabaseSync(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    db.exec("CREATE TABLE IF NOT EXISTS lock_holder (x) ; INSERT INTO lock_holder VALUES (1); DROP TABLE lock_holder");
    process.stdout.write('locked\\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, Number(process.argv[2]));
    db.exec('COMMIT');
    db.close();
  `;
  const child = spawn(process.execPath, ['-e', script, file, String(ms)], { stdio: ['ignore', 'pipe', 'inherit'] });
  const released = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)));
  });
  return { released };
}
