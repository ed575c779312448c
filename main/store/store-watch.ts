import type { Database } from './database.ts';

/**
 * Notices another process's commit to the store (the CLI importing a list or undoing one while
 * the console is open). SQLite bumps PRAGMA data_version for a connection when any *other*
 * connection commits: one cheap read a second, no file watching, no false alarm from our own
 * writes (those already announce themselves). Returns the stop.
 */
export function watchOtherWriters(db: Database, onChange: () => void, intervalMs = 1000): () => void {
  const version = db.prepare('PRAGMA data_version');
  const read = () => (version.get() as { data_version: number }).data_version;
  let last = read();
  const timer = setInterval(() => {
    if (!db.isOpen) return;
    let now: number;
    try {
      now = read();
    } catch {
      // The store is busy or closing: the next tick asks again.
      return;
    }
    if (now !== last) {
      last = now;
      onChange();
    }
  }, intervalMs);
  // A watch never keeps a process alive on its own.
  timer.unref();
  return () => clearInterval(timer);
}
