import { existsSync } from 'node:fs';
import { createDispatcher } from '../api/dispatch.ts';
import { createHandlers } from '../api/handlers.ts';
import type { Clock } from '../clock.ts';
import { signedInAccount } from '../people/sign-in.ts';
import { RENDERER_DIR } from '../web/serve.ts';
import { inboundRoute } from '../inbound/inbound-route.ts';
import { INBOUND_KEY_VARIABLE } from '../inbound/inbound-secrets.ts';
import { PHONE_KEY_VARIABLE, phoneKeyWarning, teamPhoneKeyBox } from '../phone/team-phone-key.ts';
import { openTeamCore } from './team-core.ts';
import { readyToServe } from './ready-to-serve.ts';
import { POOL_CONNECTIONS } from '../store/seam/postgres-store.ts';
import { uploadSentStore } from './sent-store.ts';
import { teamDoor } from './team-door.ts';
import { startTeamHost } from './team-host.ts';
import type { TeamServeOptions } from './team-options.ts';

/**
 * One team server process: the team database opened and migrated, the console and the API served
 * until SIGINT or SIGTERM. Start as many as the team needs against the same database, behind a
 * load balancer: they share everything through PostgreSQL, nothing through memory.
 */
export async function serveTeam(options: TeamServeOptions & { clock: Clock }): Promise<void> {
  const log = (line: string) => console.error(line);
  if (!existsSync(RENDERER_DIR)) throw new Error('The console is not built yet: run "npm run build" first.');
  if (options.warning) console.error(options.warning);
  const phoneKey = phoneKeyWarning(process.env[PHONE_KEY_VARIABLE]);
  if (phoneKey) console.error(phoneKey);
  const core = await openTeamCore({ database: options.database, clock: options.clock, log, keepOpen: true });
  await readyToServe(core, POOL_CONNECTIONS, log);
  const dispatch = createDispatcher(createHandlers(core, { secrets: teamPhoneKeyBox(process.env[PHONE_KEY_VARIABLE]), uploadStore: (bytes, upload) => uploadSentStore(core.store, bytes, upload) }), (error) => log(`A call failed: ${error instanceof Error ? error.stack : String(error)}`), { oneAtATime: false });
  const logError = (error: unknown) => log(`The team server failed to check a session: ${error instanceof Error ? error.message : String(error)}`);
  const host = await startTeamHost({
    door: teamDoor(core.store, core.clock, dispatch, logError),
    signedIn: async (token) => (await signedInAccount(core.store, core.clock.now(), token)) !== null,
    events: core.events,
    rendererDir: RENDERER_DIR,
    host: options.listen.host,
    port: options.listen.port,
    tls: options.tls,
    log,
    now: () => core.clock.now(),
    inbound: inboundRoute({
      store: core.store,
      keyText: process.env[INBOUND_KEY_VARIABLE],
      now: () => core.clock.now(),
      announce: (arrival) => {
        core.events.emit('store.changed', { reason: 'inbound' });
        core.events.emit('inbound.arrived', arrival);
      },
      log,
    }),
  }).catch(async (error: unknown) => {
    await core.store.close();
    throw error;
  });
  console.log(`Nextcall Team is serving at ${host.origin}`);
  const stop = () => {
    void host.close().then(async () => {
      await core.store.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
