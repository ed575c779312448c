import { spawn } from 'node:child_process';

/**
 * Another process (a CLI import, say) holding the store's write lock: for `ms` milliseconds, or
 * until `release()`. Resolves once the lock is taken. node:sqlite is synchronous, so the lock
 * must live in another process for this one to wait on it.
 */
export async function holdWriteLock(file: string, ms = 60_000): Promise<{ release(): void; released: Promise<void> }> {
  const script = `
    const { DatabaseSync } = require('node:sqlite');
    const db = new DatabaseSync(process.argv[1]);
    db.exec('BEGIN IMMEDIATE');
    db.exec('CREATE TABLE IF NOT EXISTS lock_holder (x); DROP TABLE lock_holder');
    process.stdout.write('locked\\n');
    const release = () => { db.exec('COMMIT'); db.close(); process.exit(0); };
    setTimeout(release, Number(process.argv[2]));
    process.stdin.once('data', release);
  `;
  const child = spawn(process.execPath, ['-e', script, file, String(ms)], { stdio: ['pipe', 'pipe', 'inherit'] });
  const released = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('locked')) resolve();
    });
    child.once('exit', (code) => reject(new Error(`the lock holder exited with ${code}`)));
  });
  return {
    release: () => {
      if (child.exitCode === null) child.stdin.write('go\n');
    },
    released,
  };
}
