import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { methodNames, type MethodName } from '../shared/api.ts';
import { isEventName } from '../shared/events.ts';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL, type Envelope, type NextcallBridge } from '../shared/bridge.ts';

/**
 * The sandboxed preload: the page gets one function per declared method and a subscription to
 * main's events. Never ipcRenderer itself, never process, never a channel of its choosing.
 */
const methods = Object.fromEntries(
  methodNames.map((method) => [method, (input: unknown) => ipcRenderer.invoke(IPC_CALL_CHANNEL, method, input) as Promise<Envelope<unknown>>]),
) as Record<MethodName, (input: unknown) => Promise<Envelope<unknown>>>;

const bridge: NextcallBridge = {
  methods,
  on(event, listener) {
    if (!isEventName(event)) throw new Error(`Unknown event: ${String(event)}`);
    const forward = (_: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload as never);
    };
    ipcRenderer.on(IPC_EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, forward);
    };
  },
};

contextBridge.exposeInMainWorld('nextcall', Object.freeze(bridge));
