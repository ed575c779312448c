import { BrowserWindow, screen } from 'electron';
import type { PreferenceStore, WindowBounds } from '../preferences/preferences.ts';

export interface MainWindowOptions {
  prefs: PreferenceStore;
  preloadPath: string;
  /** The console's page (app://nextcall/index.html). */
  url: string;
}

/** The console window: locked down, and where the rep left it last time. */
export function createMainWindow({ prefs, preloadPath, url }: MainWindowOptions): BrowserWindow {
  const saved = visible(prefs.windowBounds());
  const window = new BrowserWindow({
    width: saved?.width ?? 1366,
    height: saved?.height ?? 768,
    ...(saved?.x !== undefined && saved.y !== undefined ? { x: saved.x, y: saved.y } : {}),
    minWidth: 1024,
    minHeight: 640,
    show: false,
    title: 'Nextcall',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: true,
    },
  });
  if (saved?.maximized) window.maximize();
  window.once('ready-to-show', () => window.show());

  const remember = () => {
    if (window.isDestroyed() || window.isMinimized()) return;
    prefs.saveWindowBounds({ ...window.getNormalBounds(), maximized: window.isMaximized() });
  };
  window.on('close', remember);
  window.on('resized', remember);
  window.on('moved', remember);

  void window.loadURL(url);
  return window;
}

/** Saved bounds, unless the screen they were on is gone (a laptop off its dock). */
function visible(bounds: WindowBounds | undefined): WindowBounds | undefined {
  if (!bounds || bounds.x === undefined || bounds.y === undefined) return bounds;
  const { x, y } = bounds;
  const onScreen = screen.getAllDisplays().some(({ workArea: a }) => x >= a.x - 50 && y >= a.y - 50 && x < a.x + a.width && y < a.y + a.height);
  return onScreen ? bounds : { width: bounds.width, height: bounds.height, maximized: bounds.maximized };
}
