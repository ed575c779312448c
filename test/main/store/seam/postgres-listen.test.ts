import { afterEach, expect, it } from 'vitest';
import { openPostgresStore } from '../../../../main/store/seam/postgres-store.ts';
import type { Store } from '../../../../main/store/seam/store.ts';
import { usePostgresCluster } from '../../../helpers/test-stores.ts';

/**
 * The team server's listening connection (LISTEN/NOTIFY between server processes) outlives the
 * database going away: it is opened again, listens again, and says it was away, so what was
 * announced meanwhile is read again by whoever listens (team-events.ts, team-settings.ts).
 */
const cluster = usePostgresCluster();
const opened: Store[] = [];
afterEach(async () => {
  await Promise.all(opened.splice(0).map((store) => store.close()));
});

async function twoStores(): Promise<[Store, Store]> {
  const url = await cluster().createDatabase();
  for (let i = 0; i < 2; i++) opened.push(await openPostgresStore({ connectionString: url, max: 2 }));
  return [opened.at(-2)!, opened.at(-1)!];
}

/** Waits until `check` holds, or fails after `ms`. */
async function until(check: () => boolean | Promise<boolean>, ms: number, what: string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Not within ${ms} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Notifies until the listener hears one (a connection just back may miss the first), then stops. */
async function heardAfter(sender: Store, heard: string[], ms: number): Promise<void> {
  await until(
    async () => {
      await sender.notify('nextcall_test', 'after');
      return heard.includes('after');
    },
    ms,
    'a notification sent after the return is heard',
  );
}

it('hears the other processes again after the database restarts, and says it was away', async () => {
  const [listener, sender] = await twoStores();
  const heard: string[] = [];
  let resumed = 0;
  await listener.listen('nextcall_test', (payload) => heard.push(payload), () => resumed++);
  await sender.notify('nextcall_test', 'before');
  await until(() => heard.includes('before'), 5_000, 'the first notification is heard');

  cluster().restart();
  // The pool's connections died too: the first statements after the restart may fail once.
  await until(() => resumed === 1, 20_000, 'the listening connection is back');
  await until(() => sender.one('SELECT 1 AS one').then(() => true, () => false), 5_000, 'the sender reconnects');
  await heardAfter(sender, heard, 5_000);
  expect(resumed).toBe(1);
}, 60_000);

it('a listening connection an administrator ended comes back, and every channel with it', async () => {
  const [listener, sender] = await twoStores();
  const heard: string[] = [];
  const other: string[] = [];
  let resumed = 0;
  await listener.listen('nextcall_test', (payload) => heard.push(payload), () => resumed++);
  await listener.listen('nextcall_other', (payload) => other.push(payload));
  await sender.run("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'nextcall-listen'");
  await until(() => resumed === 1, 15_000, 'the listening connection is back');
  await heardAfter(sender, heard, 5_000);
  await sender.notify('nextcall_other', 'too');
  await until(() => other.includes('too'), 5_000, 'the second channel is listened to again');
}, 60_000);

it('a closed store does not open its listening connection again', async () => {
  const [listener, sender] = await twoStores();
  let resumed = 0;
  await listener.listen('nextcall_test', () => {}, () => resumed++);
  await opened.splice(opened.indexOf(listener), 1)[0]!.close();
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(resumed).toBe(0);
  expect(await sender.all("SELECT pid FROM pg_stat_activity WHERE application_name = 'nextcall-listen'")).toEqual([]);
});
