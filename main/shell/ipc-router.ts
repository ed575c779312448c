import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type Envelope } from '../../shared/bridge.ts';
import type { Dispatch } from '../api/dispatch.ts';
import type { EventHub } from '../api/event-hub.ts';

export interface IpcRouterOptions {
  ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>;
  dispatch: Dispatch;
  events: EventHub;
  /** Only the app's own page, in the window's main frame, may call main. */
  isTrustedSender(event: IpcMainInvokeEvent): boolean;
  target: Pick<WebContents, 'send' | 'isDestroyed'>;
}

/**
 * The Electron adapter of the contract: one channel, every call through the dispatcher (which
 * validates the method and its input), and main's events forwarded to the window.
 * Returns the teardown.
 */
export function registerIpcRouter({ ipcMain, dispatch, events, isTrustedSender, target }: IpcRouterOptions): () => void {
  ipcMain.handle(IPC_CALL_CHANNEL, async (event, method: unknown, input: unknown): Promise<Envelope<unknown>> => {
    if (!isTrustedSender(event)) return { ok: false, error: { code: 'unauthorized', message: 'This frame may not call Nextcall.' } };
    return dispatch(method, input);
  });
  const unsubscribe = events.subscribe((event, payload) => {
    if (!target.isDestroyed()) target.send(IPC_EVENT_CHANNEL, event, payload);
  });
  return () => {
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    unsubscribe();
  };
}

/** The sender is the window's own main frame, showing the app's own page. */
export function isAppFrame(
  event: Pick<IpcMainInvokeEvent, 'senderFrame'>,
  mainFrame: unknown,
  appUrl: string,
): boolean {
  const frame = event.senderFrame;
  return !!frame && frame === mainFrame && frame.url.split('#')[0] === appUrl;
}
