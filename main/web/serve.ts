import { existsSync } from 'node:fs';
import { enableCompileCache } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { COMMON_FLAGS, runtimeOptions } from '../runtime-options.ts';
import { createDownloads } from './downloads.ts';

const USAGE = `Usage: npm run serve -- [--data-dir DIR] [--port N] [--clock ISO-TIME]

Serves the console on http://127.0.0.1 with a token that changes every run.`;

/**
 * The port when none is asked for: the same every run, so the page keeps its origin, and with it
 * what the browser kept for it (a note typed before a restart). Taken? Then any free port.
 */
export const DEFAULT_PORT = 4317;

export const RENDERER_DIR = fileURLToPath(new URL('../../out/renderer', import.meta.url));

/** Starts the web host over the store in dataDir and prints the URL to open. */
export async function serve(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { ...COMMON_FLAGS, port: { type: 'string' } } });
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const port = Number(values.port ?? DEFAULT_PORT);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port expects a number from 0 to 65535, not "${values.port}".`);

  const options = runtimeOptions(values);
  // Reading and compiling the core's modules is most of a start. Node keeps what it compiled (in
  // the OS temp folder, checked against each file's content), so every start after the first
  // skips that work; the modules are loaded only after asking, or there would be nothing to keep.
  enableCompileCache();
  const [
    { createDispatcher },
    { createHandlers, createReaders },
    { backUpCore, openCore },
    { confPreferences },
    { startWebHost },
    { newestBackupAt },
    { scheduleBackups },
    { storeStartupMessage },
    { watchOtherWriters },
    { joinedDispatch },
    { membership },
    { storeSnapshot },
  ] = await Promise.all([
      import('../api/dispatch.ts'),
      import('../api/handlers.ts'),
      import('../core.ts'),
      import('../preferences/conf-preferences.ts'),
      import('./http-host.ts'),
      import('../store/backups.ts'),
      import('../store/backup-schedule.ts'),
      import('../store/store-check.ts'),
      import('../store/store-watch.ts'),
      import('../joining/joined-dispatch.ts'),
      import('../joining/membership.ts'),
      import('../joining/store-snapshot.ts'),
    ]);
  // The store is checked before anything listens: a damaged one stops the start with its sentence.
  const core = openCore({ ...options, prefs: confPreferences(options.dataDir) });
  if (!existsSync(RENDERER_DIR)) {
    core.close();
    throw new Error('The console is not built yet: run "npm run build" first (npm run serve does it for you).');
  }
  const downloads = createDownloads();
  // The CLI writes the same store from another process: open consoles hear of its commits.
  const stopWatch = watchOtherWriters(core.db, () => core.events.emit('store.changed', { reason: 'elsewhere' }));
  // Joined to a team (Settings → Team), the host relays the console's calls to the team server,
  // and its live events to the console's /api/events while signed in.
  // No kept session: the host keeps a sign-in in memory only, by design (it uses no keychain), so
  // teamServer.status answers signInKept 'memory' and Settings → Team warns of nothing.
  const edges = { saveExport: downloads.offer };
  // During an import the console's reads are answered from a read-only connection (dispatch.ts).
  const dispatch = joinedDispatch(createDispatcher(createHandlers(core, edges), undefined, { readers: () => createReaders(core, edges) }), membership(core.prefs), {
    events: core.events,
    // The page is on this computer (the host listens on 127.0.0.1 only): its store is this computer's to upload.
    localStore: () => storeSnapshot(core.storeFile),
  });
  const hostOptions = { dispatch, events: core.events, rendererDir: RENDERER_DIR, downloads };
  const host = await startWebHost({ ...hostOptions, port }).catch((error: NodeJS.ErrnoException) => {
    if (error.code !== 'EADDRINUSE' || values.port !== undefined) throw error;
    return startWebHost({ ...hostOptions, port: 0 });
  });
  console.log(`Nextcall is running at ${host.url}`);
  console.log(`Store: ${options.dataDir}. Press Ctrl+C to stop.`);
  const backups = scheduleBackups({
    backUp: (reason) => backUpCore(core, reason),
    newestAt: () => newestBackupAt(core.dataDir),
    clock: core.clock,
    onError: (error) => console.error(`The backup of the lead store failed: ${storeStartupMessage(error) ?? (error instanceof Error ? error.message : String(error))}`),
  });

  const stop = () => {
    stopWatch();
    backups.stop();
    void Promise.all([host.close(), backups.started]).then(() => {
      core.close();
      process.exit(0);
    });
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (import.meta.main) {
  serve(process.argv.slice(2)).catch(async (error: unknown) => {
    const { storeStartupMessage } = await import('../store/store-check.ts');
    console.error(storeStartupMessage(error) ?? (error instanceof Error ? error.message : error));
    process.exitCode = 1;
  });
}
