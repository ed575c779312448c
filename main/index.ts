import { app, ipcMain, session, type BrowserWindow } from 'electron';
import ElectronStore from 'electron-store';
import { fileURLToPath } from 'node:url';
import { createDispatcher } from './api/dispatch.ts';
import { createHandlers } from './api/handlers.ts';
import { dialJustAccepted } from './calls/dials.ts';
import { systemClock } from './clock.ts';
import { openCore, type Core } from './core.ts';
import { defaultDataDir } from './data-dir.ts';
import { preferenceStore } from './preferences/preferences.ts';
import { PRIVATE_FILE_MODE } from './store/private-files.ts';
import { installAppMenu } from './shell/app-menu.ts';
import { APP_URL, registerAppScheme, serveAppProtocol } from './shell/app-protocol.ts';
import { hardenApp } from './shell/harden.ts';
import { isAppFrame, registerIpcRouter } from './shell/ipc-router.ts';
import { printHtmlToPdf } from './shell/print-pdf.ts';
import { createMainWindow } from './shell/main-window.ts';

/**
 * The Electron shell: one window over the core. Everything here is platform glue; the product
 * lives in the core, which the web host and the CLI run just the same.
 */
const preloadPath = fileURLToPath(new URL('../preload/preload.cjs', import.meta.url));
const rendererDir = fileURLToPath(new URL('../renderer/', import.meta.url));

let core: Core | null = null;
let window: BrowserWindow | null = null;

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
  app.on('will-quit', () => core?.close());
  void app.whenReady().then(start);
}

function start(): void {
  hardenApp(session.defaultSession, (e164) => core !== null && dialJustAccepted(core.db, e164, systemClock.now()));
  serveAppProtocol(rendererDir);
  installAppMenu(app.isPackaged);
  const prefs = preferenceStore(new ElectronStore<Record<string, unknown>>({ name: 'preferences', configFileMode: PRIVATE_FILE_MODE }));
  core = openCore({ dataDir: app.getPath('userData'), clock: systemClock, prefs });
  const mainWindow = createMainWindow({ prefs, preloadPath, url: APP_URL });
  window = mainWindow;
  const stopRouter = registerIpcRouter({
    ipcMain,
    dispatch: createDispatcher(createHandlers(core, { printPdf: printHtmlToPdf })),
    events: core.events,
    isTrustedSender: (event) => isAppFrame(event, mainWindow.webContents.mainFrame, APP_URL),
    target: mainWindow.webContents,
  });
  mainWindow.on('closed', () => {
    stopRouter();
    window = null;
  });
}
