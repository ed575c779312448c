/**
 * A call's audio through WebAudio, built the first time a greeting is played into the call or the
 * call is recorded (a plain call never needs it). What the other end hears is then a
 * MediaStreamDestination in place of the microphone's track on the sender: the microphone, or a
 * greeting with the microphone silenced, so the rep is not heard over the voicemail. The recorder
 * mixes that with what the other end sends.
 */
export interface CallAudio {
  /** Plays the audio (a file's bytes) into the call; resolves when it has played out, or was cut short. */
  play(audio: ArrayBuffer): Promise<void>;
  /** Records both sides mixed, from now until close(); resolves with the audio then. */
  record(): Promise<RecordedAudio>;
  /** The call ended: stops what plays and the recorder, and lets the audio graph go. */
  close(): void;
}

export interface RecordedAudio {
  audio: Blob;
  durationMs: number;
}

/** Speech at this rate is clear, and an hour is about 14 MB. */
const RECORDING_BITS_PER_SECOND = 32_000;

export function callAudio(connection: RTCPeerConnection, microphone: MediaStream, remote: () => MediaStream | null): CallAudio {
  const context = new AudioContext();
  const outgoing = context.createMediaStreamDestination();
  const voice = context.createGain();
  context.createMediaStreamSource(microphone).connect(voice).connect(outgoing);
  let playing: { source: AudioBufferSourceNode; done(): void } | null = null;
  let mix: MediaStreamAudioDestinationNode | null = null;
  let recorder: MediaRecorder | null = null;
  let routed: Promise<void> | null = null;
  const stopped: Promise<void>[] = [];

  // Once, and for the rest of the call: switching back and forth would cost a renegotiation-free
  // replaceTrack each time, and the graph carries the microphone just the same.
  const route = () =>
    (routed ??= (async () => {
      const sender = connection.getSenders().find((s) => s.track?.kind === 'audio' || s.track === null);
      const [track] = outgoing.stream.getAudioTracks();
      if (sender && track) {
        // JsSIP mutes by disabling the sender's track: a muted rep stays muted on the new one.
        track.enabled = sender.track?.enabled ?? true;
        await sender.replaceTrack(track);
      }
    })());

  const stopPlaying = () => {
    const current = playing;
    playing = null;
    voice.gain.value = 1;
    if (current) {
      current.source.onended = null;
      try {
        current.source.stop();
      } catch {
        // Not started yet, or already over.
      }
      current.done();
    }
  };

  return {
    async play(bytes) {
      await context.resume();
      const buffer = await context.decodeAudioData(bytes.slice(0));
      await route();
      stopPlaying();
      const source = context.createBufferSource();
      source.buffer = buffer;
      source.connect(outgoing);
      if (mix) source.connect(mix);
      await new Promise<void>((resolve) => {
        playing = { source, done: resolve };
        source.onended = () => {
          if (playing?.source === source) {
            playing = null;
            voice.gain.value = 1;
          }
          resolve();
        };
        voice.gain.value = 0;
        source.start();
      });
    },
    record() {
      void context.resume();
      mix = context.createMediaStreamDestination();
      voice.connect(mix);
      playing?.source.connect(mix);
      const theirs = remote();
      if (theirs) context.createMediaStreamSource(theirs).connect(mix);
      const chunks: Blob[] = [];
      const active = new MediaRecorder(mix.stream, { mimeType: 'audio/webm;codecs=opus', audioBitsPerSecond: RECORDING_BITS_PER_SECOND });
      recorder = active;
      const startedAt = performance.now();
      const result = new Promise<RecordedAudio>((resolve) => {
        active.ondataavailable = (event) => {
          if (event.data.size > 0) chunks.push(event.data);
        };
        active.onstop = () => resolve({ audio: new Blob(chunks, { type: 'audio/webm' }), durationMs: Math.round(performance.now() - startedAt) });
      });
      stopped.push(result.then(() => undefined));
      // A chunk a second: a call cut short by a crash of the page still has most of its audio in memory.
      active.start(1000);
      return result;
    },
    close() {
      stopPlaying();
      if (recorder && recorder.state !== 'inactive') recorder.stop();
      recorder = null;
      void Promise.all(stopped).then(() => context.close());
    },
  };
}
