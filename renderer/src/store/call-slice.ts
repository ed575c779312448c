import type { StateCreator } from 'zustand/vanilla';
import type { DialScheme } from '../../../shared/dial-link.ts';
import { UNDO_GRACE_MS, type Disposition } from '../../../shared/dispositions.ts';
import type { CallLog } from '../../../shared/leads.ts';
import type { AppState, StoreDeps } from './app-store.ts';
import { selectMainNow, selectRecommendation } from './script-view.ts';

export interface CallSlice {
  dispositions: Disposition[];
  dialScheme: DialScheme;
  /** The note for the lead on screen, saved to drafts as it is typed. */
  notes: string;
  /** True while a disposition is on its way: a second key press must not log a second call. */
  loggingCall: boolean;
  lastCall: CallLog | null;
  /** The call running on the lead on screen: when and which number the rep dialled (its link or C). */
  dialedAt: { leadId: number; at: string; dialId: number; number: string } | null;
  /**
   * The rep dials a number of the lead on screen (the one the queue offers unless another is
   * named). Main checks at this instant that it may be called and writes the attempt before the
   * phone rings; true when the phone may ring, else the refusal is on screen, in words.
   */
  markDialed(number?: string): Promise<boolean>;
  /** A time the rep is asked for (a callback, a snooze), in the lead's own time. */
  askingTime: { purpose: 'callback'; code: string } | { purpose: 'snooze' } | null;
  /** A disposition waits for the rep's reason (one that asks for it, or one against the recommendation). */
  askingReason: { code: string; callbackAt?: string; why: string } | null;
  /** Dispositions and the dial scheme: what the call screen needs besides the lead. */
  loadSettings(): Promise<void>;
  setNotes(text: string): void;
  /** Logs the call on screen with this disposition and shows the next lead. */
  logDisposition(code: string, callbackAt?: string, reason?: string): Promise<void>;
  answerReason(reason: string | null): Promise<void>;
  /** Takes back the last disposition (within main's grace period) and shows that lead again. */
  undoLast(): Promise<void>;
  /** Back into the queue for a few minutes, not counted as an attempt. */
  skip(): Promise<void>;
  askSnooze(): void;
  /** The rep picked a time (an ISO instant) or cancelled (null). */
  answerTime(at: string | null): Promise<void>;
}

/** How long the rep may pause typing before the note goes to main. */
export const DRAFT_SAVE_DELAY_MS = 400;

export const createCallSlice =
  ({ client, drafts, consoleId }: StoreDeps): StateCreator<AppState, [], [], CallSlice> =>
  (set, get) => {
    let draftTimer: ReturnType<typeof setTimeout> | undefined;
    return {
      dispositions: [],
      dialScheme: 'tel',
      notes: '',
      loggingCall: false,
      lastCall: null,
      askingTime: null,
      askingReason: null,
      dialedAt: null,
      async markDialed(number) {
        const next = get().snapshot?.next;
        const dialling = number ?? next?.number;
        if (!next || !dialling) return false;
        const leadId = next.card.lead.id;
        const dialed = await get().withErrorNotice(() => client.call('calls.dial', { leadId, number: dialling, consoleId }));
        if (!dialed) {
          // The refusal may mean the lead changed (marked do-not-call elsewhere): show what is true now.
          void get().refreshQueue();
          return false;
        }
        set({ dialedAt: { leadId, at: dialed.at, dialId: dialed.dialId, number: dialling } });
        return true;
      },
      async loadSettings() {
        const loaded = await get().withErrorNotice(() => Promise.all([client.call('dispositions.list', {}), client.call('prefs.get', {})]));
        if (loaded) set({ dispositions: loaded[0].filter((d) => !d.retired), dialScheme: loaded[1].dialScheme });
      },
      setNotes(text) {
        const lead = get().snapshot?.next?.card.lead;
        set({ notes: text });
        if (!lead) return;
        // At once in this window's storage, and to main a moment later (a restart, another
        // machine, a browser on a new origin still find it).
        drafts.write(lead.id, text);
        clearTimeout(draftTimer);
        draftTimer = setTimeout(() => {
          client.call('calls.saveDraft', { leadId: lead.id, notes: text }).catch(() => undefined);
        }, DRAFT_SAVE_DELAY_MS);
      },
      async logDisposition(code, callbackAt, reason) {
        const lead = get().snapshot?.next?.card.lead;
        if (!lead || get().loggingCall || get().refuseWhileCalling()) return;
        const disposition = get().dispositions.find((d) => d.code === code);
        if (disposition?.needsCallbackTime && !callbackAt) {
          set({ askingTime: { purpose: 'callback', code } });
          return;
        }
        const recommended = selectRecommendation(get(), selectMainNow(get()));
        // A disposition the team lead listed reasons for asks for one too, so the reports can group them.
        if (disposition && !reason && (disposition.needsReason || get().reasonLists.some((l) => l.code === code && l.reasons.length > 0))) {
          set({ askingReason: { code, ...(callbackAt ? { callbackAt } : {}), why: `Why "${disposition.label}"?` } });
          return;
        }
        if (!reason && recommended && recommended.disposition !== code) {
          const label = get().dispositions.find((d) => d.code === recommended.disposition)?.label ?? recommended.disposition;
          set({ askingReason: { code, ...(callbackAt ? { callbackAt } : {}), why: `The criteria recommend "${label}". Why "${disposition?.label ?? code}"?` } });
          return;
        }
        const answers = get().answersFor === lead.id ? get().answers : {};
        const dialed = get().dialedAt?.leadId === lead.id ? get().dialedAt : null;
        set({ loggingCall: true });
        try {
          // On failure the note stays in drafts and on screen: nothing the rep typed is lost.
          const logged = await get().withErrorNotice(() =>
            client.call('calls.disposition', {
              leadId: lead.id,
              code,
              notes: get().notes,
              consoleId,
              ...(callbackAt ? { callbackAt } : {}),
              ...(reason ? { reason } : {}),
              // The number dialled is the number logged (and flagged, for a bad number): the call's own.
              ...(dialed ? { number: dialed.number, dialId: dialed.dialId } : get().snapshot?.next?.number ? { number: get().snapshot!.next!.number } : {}),
              ...(Object.keys(answers).length ? { answers } : {}),
            }),
          );
          if (!logged) return;
          const { call, queue } = logged;
          set({ answers: {}, answersFor: null, dialedAt: null });
          if (get().session) void get().loadSession();
          clearTimeout(draftTimer);
          drafts.clear(lead.id);
          set({ lastCall: call });
          get().showSnapshot(queue);
          get().showNotice({ kind: 'info', text: `${call.leadName}: ${call.dispositionLabel} — U to undo`, ttlMs: UNDO_GRACE_MS });
        } finally {
          set({ loggingCall: false });
        }
      },
      async skip() {
        const lead = get().snapshot?.next?.card.lead;
        if (!lead || get().loggingCall || get().refuseWhileCalling()) return;
        const snapshot = await get().withErrorNotice(() => client.call('queue.skip', { leadId: lead.id, consoleId }));
        if (!snapshot) return;
        get().showSnapshot(snapshot);
        get().showNotice({ kind: 'info', text: `Skipped: ${lead.firstName} ${lead.lastName} comes back in a few minutes.` });
      },
      async answerReason(reason) {
        const asking = get().askingReason;
        set({ askingReason: null });
        if (!asking || !reason?.trim()) return;
        return get().logDisposition(asking.code, asking.callbackAt, reason.trim());
      },
      async undoLast() {
        const call = get().lastCall;
        if (!call || get().loggingCall || get().refuseWhileCalling()) return;
        const snapshot = await get().withErrorNotice(() => client.call('calls.undo', { callId: call.id, consoleId }));
        if (!snapshot) return;
        get().showSnapshot(snapshot);
        set({ lastCall: null });
        // The call is out of every figure: the strip says so at once.
        if (get().session) void get().loadSession();
        get().showNotice({ kind: 'info', text: `Undone: ${call.leadName} is back, as before the call.` });
      },
      askSnooze() {
        if (get().snapshot?.next && !get().refuseWhileCalling()) set({ askingTime: { purpose: 'snooze' } });
      },
      async answerTime(at) {
        const asking = get().askingTime;
        set({ askingTime: null });
        if (!asking || at === null) return;
        if (asking.purpose === 'callback') return get().logDisposition(asking.code, at);
        const lead = get().snapshot?.next?.card.lead;
        if (!lead) return;
        const snapshot = await get().withErrorNotice(() => client.call('queue.snooze', { leadId: lead.id, until: at, consoleId }));
        if (!snapshot) return;
        get().showSnapshot(snapshot);
        get().showNotice({ kind: 'info', text: `Snoozed: ${lead.firstName} ${lead.lastName}.` });
      },
    };
  };
