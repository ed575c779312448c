import { UA, WebSocketInterface } from 'jssip';
import type { PhoneAccount } from '../../../shared/phone.ts';
import { callAudio, type CallAudio } from './call-audio.ts';
import type { CallEnd, CallEvents, CallOptions, LineEvents, PhoneCall, Softphone } from './softphone.ts';

type RTCSession = ReturnType<UA['call']>;

/**
 * The softphone on JsSIP: SIP over WebSocket with WebRTC audio. JsSIP because it registers with
 * a password's digest (HA1) and realm instead of the password, so the console never holds the
 * password; and it is kept up to date (3.13, 2025) where SIP.js has had no release since 2022.
 */
export function jssipSoftphone(): Softphone {
  let ua: UA | null = null;
  let domain = '';
  // A line replaced or stopped still reports its own end a moment later: only the current one speaks.
  let generation = 0;
  // The device is opened once and each call gets a copy of it: opening a microphone took 10 to 40
  // ms a call (npm run bench -- phone). It is let go when the line stops.
  let microphone: { id: string; stream: Promise<MediaStream> } | null = null;
  const releaseMicrophone = () => {
    void microphone?.stream.then((stream) => stream.getTracks().forEach((track) => track.stop())).catch(() => undefined);
    microphone = null;
  };
  return {
    start(account, events) {
      ua?.stop();
      domain = account.uri.slice(account.uri.indexOf('@') + 1);
      const line = ++generation;
      ua = startLine(account, { onLine: (state, cause) => line === generation && events.onLine(state, cause) });
    },
    stop() {
      generation++;
      ua?.stop();
      ua = null;
      releaseMicrophone();
    },
    async openMicrophone(microphoneId) {
      const open = microphone?.id === microphoneId ? await microphone.stream.catch(() => null) : null;
      // Unplugged, or taken back by the system since: opened again (and a refusal said again).
      if (!open || open.getAudioTracks().every((track) => track.readyState === 'ended')) {
        releaseMicrophone();
        microphone = { id: microphoneId, stream: navigator.mediaDevices.getUserMedia({ audio: microphoneId ? { deviceId: { exact: microphoneId } } : true, video: false }) };
        return (await microphone.stream).clone();
      }
      return open.clone();
    },
    call(number, options, events) {
      if (!ua?.isRegistered()) throw new Error('The phone is not connected to the phone system.');
      return placeCall(ua, `sip:${number}@${domain}`, options, events);
    },
  };
}

function startLine(account: PhoneAccount, events: LineEvents): UA {
  const ua = new UA({
    sockets: [new WebSocketInterface(account.server)],
    uri: account.uri,
    authorization_user: account.authorizationUser,
    realm: account.realm,
    ha1: account.ha1,
    display_name: account.displayName || undefined,
    register: true,
    register_expires: 300,
    session_timers: false,
    connection_recovery_min_interval: 2,
    connection_recovery_max_interval: 30,
    user_agent: 'Nextcall',
  });
  ua.on('connecting', () => events.onLine('connecting'));
  ua.on('registered', () => events.onLine('registered'));
  ua.on('registrationFailed', (e) => events.onLine('failed', e.response ? `${e.response.status_code} ${e.response.reason_phrase}` : e.cause));
  ua.on('disconnected', () => events.onLine('disconnected'));
  // Calls to the rep are not this console's job (yet): refused, so they go to voicemail.
  ua.on('newRTCSession', ({ session, originator }: { session: RTCSession; originator: string }) => {
    if (originator === 'remote') session.terminate({ status_code: 486, reason_phrase: 'Busy Here' });
  });
  events.onLine('connecting');
  ua.start();
  return ua;
}

/** How long after the first ICE candidate the offer waits for the others gathered with it. */
const ICE_GRACE_MS = 10;

function placeCall(ua: UA, target: string, options: CallOptions, events: CallEvents): PhoneCall {
  let answered = false;
  let ended = false;
  let iceReady: ReturnType<typeof setTimeout> | undefined;
  const audio = new Audio();
  audio.autoplay = true;
  const recorded = options.recorded ?? Promise.resolve(true);
  // Greetings played into the call and the recorder (call-audio.ts), made when first asked for.
  let connection: RTCPeerConnection | null = null;
  let remote: MediaStream | null = null;
  let voice: CallAudio | null = null;
  const callVoice = () => (voice ??= callAudio(connection!, options.microphone, () => remote));
  const end = (by: CallEnd['by'], cause: string, status?: number) => {
    if (ended) return;
    ended = true;
    clearTimeout(iceReady);
    voice?.close();
    audio.srcObject = null;
    for (const track of options.microphone.getTracks()) track.stop();
    events.onEnded({ by, cause, answered, ...(status ? { status } : {}) });
  };
  const session: RTCSession = ua.call(target, {
    mediaStream: options.microphone,
    // No STUN or TURN of anyone else's: the phone system's own network reaches the console.
    pcConfig: { iceServers: [] },
    eventHandlers: {
      // JsSIP sends the INVITE once ICE gathering completes, which Chromium may take a few hundred
      // milliseconds to declare. The host candidates come together at the start: a moment after
      // the first, the offer holds them, and the INVITE leaves (no trickle ICE in SIP).
      // And never before main has the dial on record: the phone rings only for a dial it accepted.
      icecandidate: (e) => {
        iceReady ??= setTimeout(() => void recorded.then((go) => go && e.ready()), ICE_GRACE_MS);
      },
      sending: () => events.onDialling(),
      progress: () => events.onRinging(),
      accepted: () => {
        answered = true;
        events.onAnswered();
      },
      ended: (e) => end(e.originator === 'local' ? 'local' : e.originator === 'remote' ? 'remote' : 'system', e.cause),
      failed: (e) => {
        const response = e.message && 'status_code' in e.message ? e.message : null;
        const status = response?.status_code;
        end(e.originator === 'local' ? 'local' : e.originator === 'remote' ? 'remote' : 'system', response ? `${status} ${response.reason_phrase}` : e.cause, status);
      },
      peerconnection: ({ peerconnection }) => {
        connection = peerconnection;
        peerconnection.addEventListener('track', (event) => {
          remote = event.streams[0] ?? new MediaStream([event.track]);
          audio.srcObject = remote;
          if (options.speakerId) void audio.setSinkId(options.speakerId).catch(() => undefined);
          void audio.play().catch(() => undefined);
        });
      },
    },
  });
  // Refused: the call ends before its INVITE was sent (JsSIP drops a call cancelled before sending).
  void recorded.then((go) => go || session.isEnded() || session.terminate());
  return {
    hangUp() {
      if (!session.isEnded()) session.terminate();
    },
    setMuted(muted) {
      if (muted) session.mute({ audio: true });
      else session.unmute({ audio: true });
    },
    setHeld(held) {
      if (held) session.hold();
      else session.unhold();
    },
    sendDigit(digit) {
      if (session.isEstablished()) session.sendDTMF(digit);
    },
    play: (bytes) => (ended || !connection ? Promise.resolve() : callVoice().play(bytes)),
    record: () => (ended || !connection ? Promise.resolve({ audio: new Blob(), durationMs: 0 }) : callVoice().record()),
  };
}
