import { useEffect, useRef, useState } from 'react';
import type { UpcomingCallback } from '../../../shared/callbacks.ts';
import { messageOf } from '../store/error-message.ts';
import { useApi, useApp } from '../store/store-context.tsx';
import { MAX_TIMER_MS, MINUTE_MS } from '../../../shared/time-units.ts';

/** How often the console asks main again for the callbacks of the coming day. */
const REFRESH_MS = 15 * MINUTE_MS;

/**
 * A callback that comes due announces itself with the lead's name: in the top bar, and as a
 * notification (the web Notification API, in the desktop app and in a browser) when the rep has
 * allowed them. It never takes the lead on screen away: the queue offers due callbacks first.
 */
export function CallbackAlerts() {
  const call = useApi();
  const clockOffset = useApp((s) => s.clockOffset);
  const snapshot = useApp((s) => s.snapshot);
  const snapshotAt = snapshot?.now;
  const onChangesElsewhere = useApp((s) => s.onChangesElsewhere);
  const [callbacks, setCallbacks] = useState<UpcomingCallback[]>([]);
  const [error, setError] = useState<string | null>(null);
  // This window's clock when last looked at; main's is that plus the offset (the core may run on --clock).
  const [wallNow, setWallNow] = useState(() => Date.now());
  const now = wallNow + clockOffset;
  const announced = useRef(new Set<string>());

  // Every new snapshot (a call logged, an undo, a skip) may have made or booked a callback; so may
  // a change elsewhere (an import, another console). Once per change: a disposition's own answer
  // brings the snapshot, so its store.changed is not asked about again.
  useEffect(() => {
    let live = true;
    const load = () =>
      call('callbacks.upcoming', {})
        .then((list) => {
          if (!live) return;
          setCallbacks(list);
          setError(null);
        })
        .catch((e: unknown) => live && setError(messageOf(e)));
    void load();
    const timer = setInterval(() => void load(), REFRESH_MS);
    const unsubscribe = onChangesElsewhere(() => void load());
    return () => {
      live = false;
      clearInterval(timer);
      unsubscribe();
    };
  }, [call, onChangesElsewhere, snapshot]);

  // Wake up when the next callback comes due, to the minute it is due.
  useEffect(() => {
    const upcoming = callbacks.map((c) => Date.parse(c.dueAt)).filter((at) => at > now);
    if (upcoming.length === 0) return;
    const wait = Math.max(0, Math.min(...upcoming) - (Date.now() + clockOffset));
    const timer = setTimeout(() => setWallNow(Date.now()), Math.min(wait, MAX_TIMER_MS));
    return () => clearTimeout(timer);
  }, [callbacks, clockOffset, now]);

  // Before the first snapshot the offset to main's clock is not known yet.
  const due = snapshotAt ? callbacks.filter((c) => Date.parse(c.dueAt) <= now) : [];
  useEffect(() => {
    for (const c of due) {
      const key = `${c.leadId}@${c.dueAt}`;
      if (announced.current.has(key)) continue;
      announced.current.add(key);
      notify(`Callback due: ${c.leadName}`, `Booked for ${timeIn(c)}.`, key);
    }
  });

  if (error) return null;
  if (due.length === 0) return null;
  const [first] = due;
  return (
    <span className="callback-due" role="status" data-testid="callback-due" title={due.map((c) => `${c.leadName} — ${timeIn(c)}`).join('\n')}>
      <span aria-hidden="true">☎</span> Callback due: <strong>{first!.leadName}</strong>
      {due.length > 1 ? ` +${due.length - 1}` : ''}
    </span>
  );
}

function timeIn(c: UpcomingCallback): string {
  const format = (timeZone?: string) => new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: 'numeric', minute: '2-digit', ...(timeZone ? { timeZone } : {}) }).format(Date.parse(c.dueAt));
  try {
    return c.timeZone ? `${format(c.timeZone)} their time, ${format()} yours` : `${format()} your time`;
  } catch {
    return `${format()} your time`;
  }
}

/** A system notification, if the rep allowed them; never a prompt here, never a wait. */
function notify(title: string, body: string, tag: string): void {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted') return;
  try {
    new Notification(title, { body, tag });
  } catch {
    // Some engines only notify from a service worker: the top bar still says it.
  }
}
