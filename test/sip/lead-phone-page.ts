import { UA, WebSocketInterface } from 'jssip';

type RTCSession = ReturnType<UA['call']>;

/**
 * The lead's phone: runs in a second Chromium page, registered with the test phone system as the
 * lead's number through the same library as the console, and scripted by the test through
 * `window.leadPhone`: answer, reject as busy, or never answer; it records what it hears.
 */
/** voicemail: answers at once, as an answering machine does, and plays its own greeting (the page's microphone). */
type Mode = 'answer' | 'busy' | 'never' | 'voicemail';

interface LeadPhone {
  mode: Mode;
  /** Incoming calls so far, and the state of the last. */
  calls: number;
  state: 'idle' | 'ringing' | 'talking' | 'ended';
  endCause: string;
  /** When the last call ended (Date.now()), for timing against what was heard. */
  endedAt: number;
  /** DTMF tones received on the call. */
  tones: string[];
  /** The caller's display name in the last call's From header (the caller ID name). */
  callerName: string;
  register(server: string, number: string, password: string, domain: string): Promise<void>;
  hangUp(): void;
}

let current: RTCSession | null = null;

const phone: LeadPhone = {
  mode: 'answer',
  calls: 0,
  state: 'idle',
  endCause: '',
  endedAt: 0,
  tones: [],
  callerName: '',
  register(server, number, password, domain) {
    const ua = new UA({ sockets: [new WebSocketInterface(server)], uri: `sip:${number}@${domain}`, password, register: true, session_timers: false });
    ua.on('newRTCSession', ({ session, originator }: { session: RTCSession; originator: string }) => {
      if (originator !== 'remote') return;
      current = session;
      phone.calls += 1;
      phone.state = 'ringing';
      phone.tones = [];
      phone.callerName = session.remote_identity.display_name;
      session.on('newDTMF', (e: { originator: string; dtmf: { tone: string } }) => {
        if (e.originator === 'remote') phone.tones.push(e.dtmf.tone);
      });
      session.on('confirmed', () => (phone.state = 'talking'));
      const ended = (e: { cause: string; message?: unknown }) => {
        phone.state = 'ended';
        phone.endCause = e.cause;
        phone.endedAt = Date.now();
      };
      session.on('ended', ended);
      session.on('failed', ended);
      if (phone.mode === 'busy') {
        // A moment of ringing first, as a handset would.
        setTimeout(() => session.isEnded() || session.terminate({ status_code: 486, reason_phrase: 'Busy Here' }), 500);
      } else if (phone.mode === 'answer' || phone.mode === 'voicemail') {
        const after = phone.mode === 'voicemail' ? 300 : 1500;
        setTimeout(() => session.isEnded() || session.answer({ mediaConstraints: { audio: true, video: false }, pcConfig: { iceServers: [] } }), after);
      }
    });
    return new Promise((resolve, reject) => {
      ua.on('registered', () => resolve());
      ua.on('registrationFailed', (e) => reject(new Error(`lead phone not registered: ${e.cause}`)));
      ua.start();
    });
  },
  hangUp() {
    if (current && !current.isEnded()) current.terminate();
  },
};

(window as unknown as { leadPhone: LeadPhone }).leadPhone = phone;
