import { describe, expect, it, vi } from 'vitest';
import { fakeClient } from '../../../helpers/fake-api-client.ts';
import { createAppStore } from '../../../../renderer/src/store/app-store.ts';

const drafts = { read: () => '', write: () => undefined, clear: () => undefined };

describe('a console follows the store changes made elsewhere, not its own', () => {
  const setUp = () => {
    const client = fakeClient({});
    const store = createAppStore({ client, drafts, consoleId: 'console-a' });
    const listener = vi.fn();
    const stop = store.getState().onChangesElsewhere(listener);
    return { client, listener, stop };
  };

  it('asks again after an import, the CLI or another console', () => {
    const { client, listener } = setUp();
    client.emit('store.changed', { reason: 'import' });
    client.emit('store.changed', { reason: 'elsewhere' });
    client.emit('store.changed', { reason: 'disposition', byConsole: 'console-b' });
    expect(listener).toHaveBeenCalledTimes(3);
  });

  it('does not ask again after its own disposition or undo: their answers carried the new lead', () => {
    const { client, listener } = setUp();
    client.emit('store.changed', { reason: 'disposition', byConsole: 'console-a' });
    expect(listener).not.toHaveBeenCalled();
  });

  it('stops listening when told', () => {
    const { client, listener, stop } = setUp();
    stop();
    client.emit('store.changed', { reason: 'import' });
    expect(listener).not.toHaveBeenCalled();
  });
});
