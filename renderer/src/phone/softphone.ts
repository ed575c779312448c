import type { PhoneAccount } from '../../../shared/phone.ts';
import type { RecordedAudio } from './call-audio.ts';

/**
 * The console's view of a SIP phone: register a line, place a call, control it. The store talks
 * to this interface only, so a renderer test hands it a fake; jssip-softphone.ts is the real one.
 */
export type LineState = 'off' | 'connecting' | 'registered' | 'failed' | 'disconnected';

export interface LineEvents {
  /** The line's state, with the phone system's own words when it refused or dropped it. */
  onLine(state: LineState, cause?: string): void;
}

/** How a call ended, as the phone system said it (a SIP status and reason) or as the console saw it. */
export interface CallEnd {
  /** Who ended it: the rep (local), the other end or the network (remote), the console itself (system). */
  by: 'local' | 'remote' | 'system';
  /** The SIP status of the final answer, when there was one (486, 404…). */
  status?: number;
  /** In words: "486 Busy Here", "Connection Error". */
  cause: string;
  /** The call was answered before it ended. */
  answered: boolean;
}

export interface CallEvents {
  /** The INVITE is on its way. */
  onDialling(): void;
  /** The other end rings (180) or the network plays progress (183). */
  onRinging(): void;
  onAnswered(): void;
  onEnded(end: CallEnd): void;
}

export interface CallOptions {
  /** The microphone, opened before the dial is recorded (openMicrophone): the call ends it. */
  microphone: MediaStream;
  speakerId: string;
  /**
   * Main's answer to the dial: the call is prepared meanwhile (the offer, the ICE candidates) and
   * its INVITE leaves only once this resolves true; false ends it before anything is sent. Absent:
   * the INVITE leaves as soon as the offer is ready (a test call, which records no dial).
   */
  recorded?: Promise<boolean>;
}

export interface PhoneCall {
  hangUp(): void;
  setMuted(muted: boolean): void;
  setHeld(held: boolean): void;
  sendDigit(digit: string): void;
  /** Plays audio (a greeting's bytes) into the call in place of the microphone; resolves when it has played, or the call ended. */
  play(audio: ArrayBuffer): Promise<void>;
  /** Records both sides, mixed, from now until the call ends; resolves with the audio then. */
  record(): Promise<RecordedAudio>;
}

export interface Softphone {
  /** Connects and registers the line; events follow. A second call replaces the first line. */
  start(account: PhoneAccount, events: LineEvents): void;
  stop(): void;
  /**
   * Opens the microphone (the one chosen, or the system's). Asked before the dial is recorded, so
   * a refused or missing microphone costs the lead no attempt. Rejects with the browser's error.
   * The stream is the call's own: the call's end stops it.
   */
  openMicrophone(microphoneId: string): Promise<MediaStream>;
  /** Places a call to an E.164 number in the account's domain. */
  call(number: string, options: CallOptions, events: CallEvents): PhoneCall;
}

/** The keys of a phone's keypad, as DTMF sends them. */
export const KEYPAD = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;
