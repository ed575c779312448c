import type { StateCreator } from 'zustand/vanilla';
import { fullName } from '../../../shared/leads.ts';
import { SECOND_MS } from '../../../shared/time-units.ts';
import type { AppState, StoreDeps } from '../store/app-store.ts';

/** The wait before the next lead's dial: running to `dialAt`, or held by the rep with `leftMs` to go. */
export interface PowerDialCountdown {
  leadId: number;
  number: string;
  /** The whole wait, in seconds (Settings → Phone). */
  seconds: number;
  /** When the dial goes, on this window's clock; null while paused. */
  dialAt: number | null;
  /** What was left of the wait when the rep paused it. */
  leftMs: number;
}

export interface PowerDialSlice {
  /** Power dialing: after each disposition, the next lead is dialled by itself once the countdown ends. */
  powerDialing: boolean;
  countdown: PowerDialCountdown | null;
  /** G: power dialing on or off. */
  togglePowerDialing(): Promise<void>;
  /** P between calls: holds the countdown (a pause between calls, counted in the session), or lets it run on. */
  toggleCountdownPause(): void;
}

/**
 * Power dialing rides on the softphone and the queue: it watches the store, and when a lead comes
 * on screen with no call going (after a disposition, a skip, or a lead taken away from outside) it
 * counts down, then dials it through dialByPhone, the same path as C: the dial check in main at
 * that instant (do-not-call, the lead's window, the caps), the microphone, the dial on record
 * before the phone rings. A lead main refuses is skipped with a sentence, never dialled.
 * S (skip) and C (dial now) need nothing of their own: the lead or the call changes, and the
 * countdown of a lead no longer waiting goes away.
 */
export const createPowerDialSlice =
  ({ client, consoleId }: StoreDeps): StateCreator<AppState, [], [], PowerDialSlice> =>
  (set, get, store) => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    /** The lead a countdown was started for (or that was called) while on screen: it counts down once. */
    let armedFor: number | null = null;
    let seconds = 5;

    // The session's figures hear of each pause between calls; without a session, nothing is counted.
    const tellSession = (method: 'sessions.pauseDialing' | 'sessions.resumeDialing') => {
      client.call(method, { consoleId }).then(
        (session) => session && set({ session }),
        () => undefined,
      );
    };
    const clearCountdown = () => {
      const countdown = get().countdown;
      if (!countdown) return;
      clearTimeout(timer);
      set({ countdown: null });
      if (countdown.dialAt === null) tellSession('sessions.resumeDialing');
    };
    const run = (countdown: PowerDialCountdown, ms: number) => {
      clearTimeout(timer);
      set({ countdown: { ...countdown, dialAt: Date.now() + ms, leftMs: ms } });
      // No wait set: the dial's request leaves now, while the new lead is being painted.
      if (ms === 0) void dial(countdown.leadId);
      else timer = setTimeout(() => void dial(countdown.leadId), ms);
    };

    const dial = async (leadId: number) => {
      const countdown = get().countdown;
      if (countdown?.leadId !== leadId) return;
      set({ countdown: null });
      const lead = get().snapshot?.next?.card.lead;
      const name = lead ? fullName(lead) || countdown.number : countdown.number;
      const result = await get().dialByPhone();
      if (result === 'refused') {
        // Main's sentence says why (do-not-call since it was shown, outside the lead's hours, a cap).
        const why = get().notice?.text ?? '';
        await get().refreshQueue();
        if (get().snapshot?.next?.card.lead.id === leadId) await get().skip();
        get().showNotice({ kind: 'error', text: `Power dialing skipped ${name}: never dialled. ${why}`.trim(), ttlMs: 15 * SECOND_MS });
      } else if (result === 'not-ready') {
        // The phone cannot ring (line down, microphone refused): dialling on would fail on every lead.
        set({ powerDialing: false });
        get().showNotice({ kind: 'error', text: `Power dialing stopped. ${get().notice?.text ?? ''} G starts it again.`.replace(/\s+/g, ' ') });
      }
    };

    const review = () => {
      const s = get();
      if (!s.powerDialing) return;
      const next = s.snapshot?.next ?? null;
      const leadId = next?.card.lead.id ?? null;
      const callGoing = s.phoneCall !== null && s.phoneCall.stage !== 'ended';
      // A call started (C by hand), or another lead on screen (S, a disposition, a lead taken away).
      if (s.countdown && (callGoing || s.countdown.leadId !== leadId)) clearCountdown();
      if (get().countdown || callGoing || !next || leadId === armedFor) return;
      if (s.phoneMode !== 'softphone' || s.line.state !== 'registered' || s.loggingCall || s.session?.pausedAt) return;
      armedFor = leadId;
      // The lead whose call just ended waits for its disposition; the countdown is for the next one.
      if (s.phoneCall?.leadId === leadId || !next.number) return;
      run({ leadId: leadId!, number: next.number, seconds, dialAt: null, leftMs: seconds * SECOND_MS }, seconds * SECOND_MS);
    };
    store.subscribe(review);

    return {
      powerDialing: false,
      countdown: null,
      async togglePowerDialing() {
        if (get().powerDialing) {
          clearCountdown();
          set({ powerDialing: false });
          get().showNotice({ kind: 'info', text: 'Power dialing off: C dials.' });
          return;
        }
        if (get().phoneMode !== 'softphone') {
          get().showNotice({ kind: 'error', text: 'Power dialing needs the built-in softphone: choose it in Settings → Phone.' });
          return;
        }
        const settings = await get().withErrorNotice(() => client.call('phone.settings', {}));
        if (!settings) return;
        seconds = settings.powerDialSeconds;
        armedFor = null;
        set({ powerDialing: true });
        get().showNotice({ kind: 'info', text: `Power dialing on: each lead is dialled ${seconds} s after it comes up. P pauses, S skips, G turns it off.` });
        review();
      },
      toggleCountdownPause() {
        const countdown = get().countdown;
        if (!countdown) return;
        if (countdown.dialAt === null) {
          run(countdown, countdown.leftMs);
          tellSession('sessions.resumeDialing');
          return;
        }
        clearTimeout(timer);
        set({ countdown: { ...countdown, dialAt: null, leftMs: Math.max(0, countdown.dialAt - Date.now()) } });
        tellSession('sessions.pauseDialing');
      },
    };
  };
