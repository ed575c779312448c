import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createAppStore } from '../../../../renderer/src/store/app-store.ts';
import { FLOOR_READ_GAP_MS } from '../../../../renderer/src/store/floor-slice.ts';
import type { FloorView } from '../../../../shared/floor.ts';
import { fakeClient } from '../../../helpers/fake-api-client.ts';

const drafts = { read: () => '', write: () => undefined, clear: () => undefined };

describe('the open floor reads itself again when main announces a change, and only then', () => {
  beforeEach(() => void vi.useFakeTimers());
  afterEach(() => void vi.useRealTimers());

  const setUp = () => {
    let reads = 0;
    const client = fakeClient({ 'floor.view': () => ({ at: `read ${++reads}` }) as unknown as FloorView });
    const store = createAppStore({ client, drafts, consoleId: 'console-lead' });
    const stop = store.getState().watchFloor();
    return { client, store, stop, reads: () => reads };
  };

  it('reads on opening, then after a call logged anywhere (its own console too), a dial, a session or an import', async () => {
    const { client, store, reads } = setUp();
    await vi.advanceTimersByTimeAsync(0);
    expect(reads()).toBe(1);
    expect(store.getState().floor).toEqual({ at: 'read 1' });
    const changes = [
      () => client.emit('store.changed', { reason: 'disposition', byConsole: 'console-lead' }),
      () => client.emit('floor.changed', { reason: 'dial' }),
      () => client.emit('floor.changed', { reason: 'session' }),
      () => client.emit('store.changed', { reason: 'import' }),
    ];
    for (const change of changes) {
      await vi.advanceTimersByTimeAsync(FLOOR_READ_GAP_MS);
      change();
      await vi.advanceTimersByTimeAsync(0);
    }
    expect(reads()).toBe(5);
    expect(store.getState().floor).toEqual({ at: 'read 5' });
    // Nothing changes: nothing is read, however long the floor stays open.
    await vi.advanceTimersByTimeAsync(60 * 60 * 1000);
    expect(reads()).toBe(5);
  });

  it('reads once for a burst of changes, a second after the last read, so the last change is on screen', async () => {
    const { client, reads } = setUp();
    await vi.advanceTimersByTimeAsync(0);
    for (let i = 0; i < 50; i++) client.emit('store.changed', { reason: 'disposition', byConsole: `console-${i}` });
    await vi.advanceTimersByTimeAsync(0);
    expect(reads()).toBe(1);
    await vi.advanceTimersByTimeAsync(FLOOR_READ_GAP_MS);
    expect(reads()).toBe(2);
    await vi.advanceTimersByTimeAsync(10 * FLOOR_READ_GAP_MS);
    expect(reads()).toBe(2);
  });

  it('stops reading when the floor closes', async () => {
    const { client, stop, reads } = setUp();
    await vi.advanceTimersByTimeAsync(0);
    client.emit('floor.changed', { reason: 'session' });
    stop();
    client.emit('store.changed', { reason: 'import' });
    await vi.advanceTimersByTimeAsync(10 * FLOOR_READ_GAP_MS);
    expect(reads()).toBe(1);
  });
});
