import type { StateCreator } from 'zustand/vanilla';
import type { PhoneSettingsView } from '../../../shared/phone.ts';
import { OUTCOME_DISPOSITIONS, RING_SECONDS, type NetworkOutcome } from '../../../shared/phone.ts';
import { fullName } from '../../../shared/leads.ts';
import { SECOND_MS } from '../../../shared/time-units.ts';
import type { AppState, StoreDeps } from '../store/app-store.ts';
import { networkOutcome } from './network-outcome.ts';
import type { CallEnd, LineState, PhoneCall } from './softphone.ts';
import { callEndSentence, lineSentence, microphoneSentence } from './phone-sentences.ts';

/** The call the softphone has running (or has just ended) on a lead, as the timer shows it. */
export interface PhoneCallView {
  leadId: number;
  dialId: number;
  number: string;
  stage: 'dialling' | 'ringing' | 'answered' | 'ended';
  /** This window's clock (ms): when the INVITE left, the line rang, the lead answered, the call ended. */
  startedAt: number;
  ringingAt?: number;
  answeredAt?: number;
  endedAt?: number;
  /** How it ended, in the phone system's words ("486 Busy Here"). */
  cause?: string;
  outcome?: NetworkOutcome | null;
  muted: boolean;
  held: boolean;
  /** The DTMF tones sent on this call, for the keypad's display. */
  tones: string;
}

export interface PhoneSlice {
  phoneMode: 'link' | 'softphone';
  /** The line's state, and a sentence when it is not registered. */
  line: { state: LineState; sentence: string | null };
  phoneCall: PhoneCallView | null;
  keypadOpen: boolean;
  /** The disposition the network's outcome suggests for the lead on screen, with the reason logged beside it. */
  suggested: { leadId: number; code: string; reason: string } | null;
  /** Reads the phone settings and, in softphone mode, registers the line. Again after Settings → Phone is saved. */
  startPhone(): Promise<void>;
  /**
   * C in softphone mode: the same compliance check as every dial, then the softphone places the
   * call. Says whether it did, or main refused the dial (the notice says why), or the phone was not ready.
   */
  dialByPhone(number?: string): Promise<'dialled' | 'refused' | 'not-ready'>;
  /**
   * True, and the console says so, while a softphone call is going: a disposition, a skip, a
   * snooze, an undo or another dial would move the console on while the rep is still on the line.
   */
  refuseWhileCalling(): boolean;
  hangUp(): void;
  toggleMute(): void;
  toggleHold(): void;
  toggleKeypad(): void;
  sendDigit(digit: string): void;
  /** A test call from Settings → Phone, to the test number: no lead, no dial on record. */
  testCall: { stage: PhoneCallView['stage']; cause?: string } | null;
  startTestCall(): Promise<void>;
  endTestCall(): void;
  /** Hands the running call over (voicemail drop, call-voice-slice.ts): the slice lets it go, free for the next lead while it plays out. */
  releaseCall(): PhoneCall | null;
}

/** How long a test call waits for the line to register after the settings were saved. */
const REGISTER_WAIT_MS = 10 * SECOND_MS;

/** Without even a ring in this long, the network is not getting through. */
const NO_PROGRESS_MS = 30 * SECOND_MS;

export const createPhoneSlice =
  ({ client, softphone }: StoreDeps): StateCreator<AppState, [], [], PhoneSlice> =>
  (set, get, store) => {
    let settings: PhoneSettingsView | null = null;
    let handle: PhoneCall | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let endedForNoAnswer = false;
    let testHandle: PhoneCall | null = null;
    /** Who the running call is to, for the console's sentences: the lead's name, else the number. */
    let callingWhom = '';

    /** True once the line is registered, false if it fails or the wait runs out. */
    const registered = (ms: number) =>
      new Promise<boolean>((resolve) => {
        const settle = (ok: boolean) => {
          clearTimeout(giveUp);
          stop();
          resolve(ok);
        };
        const check = (state: LineState) => {
          if (state === 'registered') settle(true);
          else if (state !== 'connecting') settle(false);
        };
        const stop = store.subscribe((s) => check(s.line.state));
        const giveUp = setTimeout(() => settle(false), ms);
        check(get().line.state);
      });
    const patchCall = (patch: Partial<PhoneCallView>) => {
      const call = get().phoneCall;
      if (call) set({ phoneCall: { ...call, ...patch } });
    };
    const hangUpAfter = (ms: number, noAnswer: boolean) => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        endedForNoAnswer = noAnswer;
        handle?.hangUp();
      }, ms);
    };

    const onEnded = async (end: CallEnd) => {
      clearTimeout(timer);
      handle = null;
      const call = get().phoneCall;
      if (!call) return;
      const outcome = networkOutcome(end, endedForNoAnswer);
      const cause = endedForNoAnswer ? `No answer after ${settings?.ringsBeforeNoAnswer ?? 0} rings` : end.cause;
      set({ phoneCall: { ...call, stage: 'ended', endedAt: Date.now(), cause, outcome, muted: false, held: false }, keypadOpen: false });
      const sentence = callEndSentence(end, outcome, cause);
      if (!outcome) {
        if (sentence) get().showNotice({ kind: end.answered || end.by === 'local' ? 'info' : 'error', text: sentence });
        return;
      }
      // Main hears of it first: a number the network says does not exist is flagged bad at once.
      const recorded = await get().withErrorNotice(() => client.call('phone.outcome', { leadId: call.leadId, dialId: call.dialId, number: call.number, outcome, cause }));
      if (recorded?.flaggedBad) void get().refreshQueue();
      const code = OUTCOME_DISPOSITIONS[outcome];
      const disposition = get().dispositions.find((d) => d.code === code);
      if (!disposition || get().snapshot?.next?.card.lead.id !== call.leadId) {
        get().showNotice({ kind: 'info', text: sentence ?? cause });
        return;
      }
      const reason = `The network answered: ${cause}`;
      if (settings?.outcomes === 'log') {
        await get().logDisposition(code, undefined, reason);
        return;
      }
      set({ suggested: { leadId: call.leadId, code, reason } });
      get().showNotice({ kind: 'info', text: `${sentence ?? cause} Press ${disposition.hotkey.toUpperCase()} to log “${disposition.label}”.`, ttlMs: 20 * SECOND_MS });
    };

    return {
      phoneMode: 'link',
      line: { state: 'off', sentence: null },
      phoneCall: null,
      keypadOpen: false,
      suggested: null,
      testCall: null,
      async startTestCall() {
        const target = settings?.testNumber;
        if (!softphone || !target || testHandle || handle) return;
        // Saving the settings has just restarted the line: the test waits for it to register.
        set({ testCall: { stage: 'dialling' } });
        if (!(await registered(REGISTER_WAIT_MS))) {
          set({ testCall: { stage: 'ended', cause: get().line.sentence ?? 'The phone is not connected.' } });
          return;
        }
        let microphone: MediaStream;
        try {
          microphone = await softphone.openMicrophone(settings?.microphoneId ?? '');
        } catch (error) {
          set({ testCall: { stage: 'ended', cause: microphoneSentence(error) } });
          return;
        }
        set({ testCall: { stage: 'dialling' } });
        const show = (stage: PhoneCallView['stage']) => set({ testCall: { stage } });
        try {
          testHandle = softphone.call(target, { microphone, speakerId: settings?.speakerId ?? '' }, {
            onDialling: () => show('dialling'),
            onRinging: () => show('ringing'),
            onAnswered: () => show('answered'),
            onEnded: (end) => {
              testHandle = null;
              set({ testCall: { stage: 'ended', cause: end.cause } });
            },
          });
        } catch (error) {
          set({ testCall: { stage: 'ended', cause: error instanceof Error ? error.message : String(error) } });
        }
      },
      endTestCall() {
        testHandle?.hangUp();
      },
      releaseCall() {
        const call = handle;
        clearTimeout(timer);
        handle = null;
        set({ phoneCall: null, keypadOpen: false });
        return call;
      },
      async startPhone() {
        const loaded = await get().withErrorNotice(() => client.call('phone.settings', {}));
        if (!loaded) return;
        settings = loaded;
        set({ phoneMode: loaded.mode });
        void get().loadCallVoice();
        if (!softphone || loaded.mode !== 'softphone') {
          softphone?.stop();
          set({ line: { state: 'off', sentence: null } });
          return;
        }
        let account;
        try {
          account = await client.call('phone.account', {});
        } catch (error) {
          set({ line: { state: 'failed', sentence: error instanceof Error ? error.message : String(error) } });
          return;
        }
        if (!account) {
          set({ line: { state: 'off', sentence: 'The phone is not set up: give the server, your SIP user and password in Settings → Phone.' } });
          return;
        }
        softphone.start(account, {
          onLine: (state, cause) => {
            set({ line: { state, sentence: lineSentence(state, cause, account.server) } });
            // The connection dropped with a call up: the network still carries the voice for a
            // moment, but the call can no longer be controlled. Say so; H ends it here.
            if (state === 'disconnected' && handle && get().phoneCall?.stage !== 'ended') {
              get().showNotice({ kind: 'error', text: 'The connection to the phone system dropped during the call. Press H to end it here, then log what happened.' });
            }
          },
        });
      },
      refuseWhileCalling() {
        // From the moment the call is placed (its INVITE may still wait for main's record) to its end.
        if (!handle) return false;
        get().showNotice({ kind: 'error', text: `The call to ${callingWhom} is still going: press H to hang up first.` });
        return true;
      },
      async dialByPhone(number) {
        if (get().refuseWhileCalling()) return 'not-ready';
        const next = get().snapshot?.next;
        if (!next || !softphone) return 'not-ready';
        // The line first: a dial recorded while the phone cannot ring would cost the lead an attempt.
        if (get().line.state !== 'registered') {
          get().showNotice({ kind: 'error', text: `Not dialled: ${get().line.sentence ?? 'the phone is not connected to the phone system.'}` });
          return 'not-ready';
        }
        let microphone: MediaStream;
        try {
          microphone = await softphone.openMicrophone(settings?.microphoneId ?? '');
        } catch (error) {
          get().showNotice({ kind: 'error', text: microphoneSentence(error) });
          return 'not-ready';
        }
        // The call is prepared while main checks and records the dial (the offer and its ICE
        // candidates take about as long as the round trip); its INVITE waits for the record
        // (CallOptions.recorded), so the phone rings only for a dial on record, and never for a refused one.
        let record: (go: boolean) => void = () => undefined;
        const recorded = new Promise<boolean>((resolve) => (record = resolve));
        let state: 'waiting' | 'dialled' | 'refused' = 'waiting';
        let endedBeforeRecord: CallEnd | null = null;
        const rings = settings?.ringsBeforeNoAnswer ?? 5;
        // The request first, the peer connection while it travels.
        const onRecord = get().markDialed(number);
        try {
          const placed: PhoneCall = softphone.call(number ?? next.number, { microphone, speakerId: settings?.speakerId ?? '', recorded }, {
            onDialling: () => hangUpAfter(NO_PROGRESS_MS, false),
            onRinging: () => {
              if (get().phoneCall?.stage !== 'dialling') return;
              patchCall({ stage: 'ringing', ringingAt: Date.now() });
              hangUpAfter(rings * RING_SECONDS * SECOND_MS, true);
            },
            onAnswered: () => {
              clearTimeout(timer);
              patchCall({ stage: 'answered', answeredAt: Date.now() });
              if (dialed) void get().recordAnsweredCall(placed, dialed);
            },
            // A call released to play a voicemail out ends on its own: the console has moved on.
            onEnded: (end) => {
              if (handle !== placed) return;
              if (state === 'dialled') void onEnded(end);
              else if (state === 'waiting') endedBeforeRecord = end;
            },
          });
          handle = placed;
          callingWhom = fullName(next.card.lead) || (number ?? next.number);
        } catch (error) {
          endedBeforeRecord = { by: 'system', cause: error instanceof Error ? error.message : String(error), answered: false };
        }
        const dialed = (await onRecord) ? get().dialedAt : null;
        if (!dialed) {
          state = 'refused';
          record(false);
          handle = null;
          for (const track of microphone.getTracks()) track.stop();
          return 'refused';
        }
        state = 'dialled';
        endedForNoAnswer = false;
        set({ suggested: null, keypadOpen: false, phoneCall: { leadId: dialed.leadId, dialId: dialed.dialId, number: dialed.number, stage: 'dialling', startedAt: Date.now(), muted: false, held: false, tones: '' } });
        record(true);
        if (endedBeforeRecord) void onEnded(endedBeforeRecord);
        return 'dialled';
      },
      hangUp() {
        if (!handle) return;
        const call = handle;
        call.hangUp();
        // With the phone system gone, no answer to the BYE will ever come: the call ends here.
        if (get().line.state !== 'registered' && handle === call) void onEnded({ by: 'local', cause: 'Ended here: the phone system was unreachable', answered: get().phoneCall?.stage === 'answered' });
      },
      toggleMute() {
        const call = get().phoneCall;
        if (!handle || !call || call.stage === 'ended') return;
        handle.setMuted(!call.muted);
        patchCall({ muted: !call.muted });
      },
      toggleHold() {
        const call = get().phoneCall;
        if (!handle || call?.stage !== 'answered') return;
        handle.setHeld(!call.held);
        patchCall({ held: !call.held });
      },
      toggleKeypad() {
        set({ keypadOpen: !get().keypadOpen && get().phoneCall?.stage === 'answered' });
      },
      sendDigit(digit) {
        const call = get().phoneCall;
        if (!handle || call?.stage !== 'answered') return;
        handle.sendDigit(digit);
        patchCall({ tones: (call.tones + digit).slice(-24) });
      },
    };
  };
