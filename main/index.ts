import { app, dialog, ipcMain, Notification, session, type BrowserWindow } from 'electron';
import ElectronStore from 'electron-store';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDispatcher } from './api/dispatch.ts';
import { createHandlers, createReaders } from './api/handlers.ts';
import { dialJustAccepted } from './calls/dials.ts';
import { systemClock } from './clock.ts';
import { backUpCore, openCore, type Core } from './core.ts';
import { defaultDataDir, STORE_FILE } from './data-dir.ts';
import { joinedDispatch } from './joining/joined-dispatch.ts';
import { keptSession } from './joining/kept-session.ts';
import { storeSnapshot } from './joining/store-snapshot.ts';
import { membership } from './joining/membership.ts';
import { preferenceStore } from './preferences/preferences.ts';
import { watchOtherWriters } from './store/store-watch.ts';
import { PRIVATE_FILE_MODE } from './store/private-files.ts';
import { installAppMenu } from './shell/app-menu.ts';
import { APP_URL, registerAppScheme, serveAppProtocol } from './shell/app-protocol.ts';
import { hardenApp } from './shell/harden.ts';
import { notifyCallRequests } from './shell/inbound-notification.ts';
import { osKeychainBox } from './shell/os-keychain.ts';
import { isAppFrame, registerIpcRouter } from './shell/ipc-router.ts';
import { printHtmlToPdf } from './shell/print-pdf.ts';
import { saveExportWithDialog } from './shell/save-export.ts';
import { createMainWindow } from './shell/main-window.ts';
import { backupsFolder, listBackups, newestBackupAt } from './store/backups.ts';
import { scheduleBackups } from './store/backup-schedule.ts';
import { restoreStore } from './store/restore-store.ts';
import { StoreProblem, storeStartupMessage } from './store/store-check.ts';

/**
 * The Electron shell: one window over the core. Everything here is platform glue; the product
 * lives in the core, which the web host and the CLI run just the same.
 */
const preloadPath = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url));
const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));

let core: Core | null = null;
let window: BrowserWindow | null = null;
let stopBackups: (() => void) | null = null;

registerAppScheme();
// The same folder the web host and the CLI use (data-dir.ts), set before anything reads it:
// Chromium would take a relative XDG_CONFIG_HOME as given, and the package name's lower case.
app.setPath('userData', defaultDataDir());

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!window) return;
    if (window.isMinimized()) window.restore();
    window.focus();
  });
  app.on('window-all-closed', () => app.quit());
  app.on('will-quit', () => {
    stopBackups?.();
    core?.close();
  });
  void app.whenReady().then(start);
}

async function start(): Promise<void> {
  hardenApp(session.defaultSession, (e164) => core !== null && dialJustAccepted(core.db, e164, systemClock.now()));
  serveAppProtocol(rendererDir);
  installAppMenu(app.isPackaged);
  const prefs = preferenceStore(new ElectronStore<Record<string, unknown>>({ name: 'preferences', configFileMode: PRIVATE_FILE_MODE }));
  const opened = await openStoreOrSay(prefs);
  if (!opened) {
    app.quit();
    return;
  }
  core = opened;
  // The CLI writes the same store from another process: the window hears of its commits.
  app.on('will-quit', watchOtherWriters(opened.db, () => opened.events.emit('store.changed', { reason: 'elsewhere' })));
  stopBackups = scheduleBackups({
    backUp: (reason) => backUpCore(opened, reason),
    newestAt: () => newestBackupAt(opened.dataDir),
    clock: systemClock,
    onError: (error) => console.error(`The backup of the lead store failed: ${storeStartupMessage(error) ?? String(error)}`),
  }).stop;
  const mainWindow = createMainWindow({ prefs, preloadPath, url: APP_URL });
  window = mainWindow;
  const secrets = osKeychainBox(opened.dataDir);
  const kept = keptSession(opened.prefs, secrets, (message) => console.warn(message));
  const edges = { printPdf: printHtmlToPdf, saveExport: saveExportWithDialog(() => window), secrets, signInKept: () => kept.keeping() };
  const stopRouter = registerIpcRouter({
    ipcMain,
    // Joined to a team (Settings → Team), main relays the console's calls to the team server, and
    // its live events (so 'inbound.arrived' notifies here too) while signed in; the session
    // outlives a restart sealed by the keychain, or not at all without one (kept-session.ts); a
    // lead export the team server answers with the file is saved through the dialog, as alone.
    // During an import the console's reads are answered from a read-only connection (dispatch.ts).
    dispatch: joinedDispatch(
      createDispatcher(createHandlers(opened, edges), undefined, { readers: () => createReaders(opened, edges) }),
      membership(opened.prefs),
      {
        events: opened.events,
        kept,
        saveExport: edges.saveExport,
        // Settings → Team's "Upload this computer's store": a copy of this store, sent to the team server.
        localStore: () => storeSnapshot(opened.storeFile),
      },
    ),
    events: opened.events,
    isTrustedSender: (event) => isAppFrame(event, mainWindow.webContents.mainFrame, APP_URL),
    target: mainWindow.webContents,
  });
  const stopNotifying = notifyCallRequests(opened.events, Notification, () => window, () => opened.clock.now());
  mainWindow.on('closed', () => {
    stopRouter();
    stopNotifying();
    window = null;
  });
}

/**
 * Opens the store, or says in a dialog why it cannot (its path and what to do) and returns null:
 * never a window over a store that answers every call with an error. A damaged or emptied store
 * with a backup beside it can be restored from the dialog; the damaged file is kept aside.
 */
async function openStoreOrSay(prefs: ReturnType<typeof preferenceStore>): Promise<Core | null> {
  const dataDir = app.getPath('userData');
  for (;;) {
    try {
      return openCore({ dataDir, clock: systemClock, prefs });
    } catch (error) {
      const message = storeStartupMessage(error);
      if (message === null) throw error;
      const newest = listBackups(dataDir).backups[0];
      if (!(error instanceof StoreProblem) || error.kind === 'read-only' || !newest) {
        dialog.showErrorBox('Nextcall cannot open its lead store', message);
        return null;
      }
      const taken = new Date(newest.takenAt).toLocaleString();
      const choice = dialog.showMessageBoxSync({
        type: 'error',
        title: 'Nextcall cannot open its lead store',
        message: `${error.summary}.`,
        detail: `Restore the newest backup, taken ${taken}? Calls logged since then are not in it. The damaged file is kept aside in ${backupsFolder(dataDir)}.`,
        buttons: ['Restore the newest backup', 'Quit'],
        defaultId: 0,
        cancelId: 1,
      });
      if (choice !== 0) return null;
      try {
        await restoreStore({ storeFile: join(dataDir, STORE_FILE), dataDir, clock: systemClock, inUse: false }, join(backupsFolder(dataDir), newest.fileName));
      } catch (failure) {
        dialog.showErrorBox('Nextcall could not restore the backup', failure instanceof Error ? failure.message : String(failure));
        return null;
      }
    }
  }
}
