import type { IpcMainInvokeEvent } from 'electron';
import { describe, expect, it } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import { isAppFrame, registerIpcRouter } from '../../../main/shell/ipc-router.ts';
import { IPC_CALL_CHANNEL, IPC_EVENT_CHANNEL } from '../../../shared/bridge.ts';
import { count, testCore } from '../../helpers/test-core.ts';

type Handler = (event: IpcMainInvokeEvent, ...args: unknown[]) => Promise<unknown>;

function fakeIpc() {
  const handlers = new Map<string, Handler>();
  return {
    handlers,
    handle: (channel: string, handler: Handler) => void handlers.set(channel, handler),
    removeHandler: (channel: string) => void handlers.delete(channel),
  };
}

const APP_URL = 'file:///opt/Nextcall/resources/app/out/renderer/index.html';
const mainFrame = { url: APP_URL };
const eventFrom = (frame: { url: string } | null) => ({ senderFrame: frame }) as unknown as IpcMainInvokeEvent;

function router() {
  const core = testCore();
  const ipc = fakeIpc();
  const sent: unknown[][] = [];
  const stop = registerIpcRouter({
    ipcMain: ipc,
    dispatch: createDispatcher(createHandlers(core)),
    events: core.events,
    isTrustedSender: (event) => isAppFrame(event, mainFrame, APP_URL),
    target: { send: (...args: unknown[]) => void sent.push(args), isDestroyed: () => false },
  });
  const invoke = (event: IpcMainInvokeEvent, method: unknown, input: unknown) => ipc.handlers.get(IPC_CALL_CHANNEL)!(event, method, input);
  return { core, ipc, sent, stop, invoke };
}

describe('the IPC router', () => {
  it('dispatches a call from the app’s own main frame', async () => {
    const { invoke } = router();
    expect(await invoke(eventFrom(mainFrame), 'queue.next', {})).toMatchObject({ ok: true, value: { total: 0 } });
  });

  it('refuses a call from any other frame, even one showing the same page', async () => {
    const { invoke, core } = router();
    const iframe = { url: APP_URL };
    for (const frame of [iframe, { url: 'https://evil.example/' }, null]) {
      expect(await invoke(eventFrom(frame), 'leads.loadDemo', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    expect(count(core, 'leads')).toBe(0);
  });

  it('validates what a trusted frame sends, like every other adapter', async () => {
    const { invoke } = router();
    expect(await invoke(eventFrom(mainFrame), 'calls.disposition', { leadId: 0 })).toMatchObject({ ok: false, error: { code: 'invalid-input' } });
  });

  it('forwards main’s events to the window, and stops on teardown', () => {
    const { core, sent, stop, ipc } = router();
    core.events.emit('store.changed', { reason: 'import' });
    expect(sent).toEqual([[IPC_EVENT_CHANNEL, 'store.changed', { reason: 'import' }]]);
    stop();
    core.events.emit('store.changed', { reason: 'import' });
    expect(sent).toHaveLength(1);
    expect(ipc.handlers.size).toBe(0);
  });
});
