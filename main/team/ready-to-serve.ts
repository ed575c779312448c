import type { Core } from '../core.ts';
import { queueContext } from '../queue/queue-scope.ts';
import { queueSnapshot } from '../queue/queue-view.ts';

/** The consoles the warm-up asks for a lead as, one per connection (each console's lock is its own); whatever they take is rolled back. */
const warmUpConsole = (connection: number) => `nextcall-warm-up-${connection}`;

class RolledBack extends Error {}

/**
 * A team server process ready before it serves: every connection of its pool opened at once, and
 * each taken through the queue once — the next lead for a console of nobody's, in a transaction
 * rolled back — so the first reps after a start (or a restart behind a load balancer) do not wait
 * while connections open, statements are prepared, the database fills its caches of the tables
 * and this process's code warms up. Nothing is written; a warm-up that fails is said, and the
 * server serves anyway, only slower at first.
 */
export async function readyToServe(core: Core, connections: number, log: (line: string) => void): Promise<void> {
  const rolledBack = new RolledBack();
  const once = (_: unknown, connection: number) =>
    core.store
      .transaction(
        async (tx) => {
          await queueSnapshot(tx, await queueContext(tx, core.prefs, core.clock.now(), { consoleId: warmUpConsole(connection) }));
          throw rolledBack;
        },
        { isolation: 'read committed' },
      )
      .catch((error: unknown) => {
        if (error !== rolledBack) throw error;
      });
  try {
    await Promise.all(Array.from({ length: connections }, once));
  } catch (error) {
    log(`The warm-up before serving failed (the first requests may be slower): ${error instanceof Error ? error.message : String(error)}`);
  }
}
