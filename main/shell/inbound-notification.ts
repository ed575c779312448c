import type { BrowserWindow, Notification, NotificationConstructorOptions } from 'electron';
import type { EventHub } from '../api/event-hub.ts';
import type { InboundArrival } from '../../shared/events.ts';
import { callRequestText } from '../../shared/call-request.ts';

/** What the notices need of Electron's Notification class (main passes Electron's; a test its own). */
export interface SystemNotifications {
  isSupported(): boolean;
  new (options: NotificationConstructorOptions): Pick<Notification, 'show'> & { on(event: 'click', listener: () => void): unknown };
}

/** What a click needs of the console's window. */
export type ConsoleWindow = Pick<BrowserWindow, 'isMinimized' | 'restore' | 'focus'>;

/**
 * The desktop's notification when a lead asks for a call (an inbound webhook): the system's own,
 * so a rep in another window sees it; clicking it brings the console forward, where the lead
 * waits first. Its text is the console's (shared/call-request.ts); the lead's name and company
 * come from outside, so they are only ever shown as text: no action, no link, nothing opened.
 * Electron's Notification is passed in, so the rest runs and is tested without Electron.
 * Returns the unsubscribe.
 */
export function notifyCallRequests(events: EventHub, notifications: SystemNotifications, window: () => ConsoleWindow | null, now: () => number): () => void {
  return events.subscribe((event, payload) => {
    if (event !== 'inbound.arrived' || !notifications.isSupported()) return;
    const arrival = payload as InboundArrival;
    const notification = new notifications({ title: 'Nextcall', body: callRequestText(arrival, now()), silent: false });
    notification.on('click', () => {
      const shown = window();
      if (!shown) return;
      if (shown.isMinimized()) shown.restore();
      shown.focus();
    });
    notification.show();
  });
}
