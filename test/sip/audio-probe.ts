/**
 * An init script for both pages: it keeps every remote audio stream a peer connection receives
 * and measures its level (RMS of the samples, 0 to 1) through a WebAudio analyser, so a test can
 * tell that a voice arrived, or that it fell silent (mute).
 */
export function installAudioProbe(): void {
  const streams: MediaStream[] = [];
  const Native = window.RTCPeerConnection;
  window.RTCPeerConnection = class extends Native {
    constructor(...args: ConstructorParameters<typeof RTCPeerConnection>) {
      super(...args);
      this.addEventListener('track', (event) => {
        if (event.track.kind === 'audio') streams.push(event.streams[0] ?? new MediaStream([event.track]));
      });
    }
  } as typeof RTCPeerConnection;
  (window as unknown as { audioLevel(ms?: number): Promise<number> }).audioLevel = async (ms = 700) => {
    const stream = streams.at(-1);
    if (!stream) return -1;
    // Chromium routes a remote WebRTC stream to WebAudio only while a media element plays it too.
    const sink = new Audio();
    sink.muted = true;
    sink.srcObject = stream;
    await sink.play().catch(() => undefined);
    const context = new AudioContext();
    await context.resume();
    const analyser = context.createAnalyser();
    analyser.fftSize = 2048;
    context.createMediaStreamSource(stream).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let peak = 0;
    const until = performance.now() + ms;
    while (performance.now() < until) {
      await new Promise((r) => setTimeout(r, 50));
      analyser.getFloatTimeDomainData(samples);
      let sum = 0;
      for (const s of samples) sum += s * s;
      peak = Math.max(peak, Math.sqrt(sum / samples.length));
    }
    await context.close();
    sink.srcObject = null;
    return peak;
  };
  // A timeline of what arrives, by frequency: every 50 ms, the level (dB) at each frequency asked
  // for, so a test can tell a greeting's tone from the rep's voice and say how long it lasted.
  type Sample = { at: number; db: number[] };
  let listening: { stop(): Sample[] } | null = null;
  (window as unknown as { listenFor(hz: number[]): void }).listenFor = (hz) => {
    const stream = streams.at(-1);
    if (!stream) throw new Error('nothing to listen to: no call yet');
    const sink = new Audio();
    sink.muted = true;
    sink.srcObject = stream;
    void sink.play().catch(() => undefined);
    const context = new AudioContext();
    void context.resume();
    const analyser = context.createAnalyser();
    analyser.fftSize = 4096;
    analyser.smoothingTimeConstant = 0;
    context.createMediaStreamSource(stream).connect(analyser);
    const bins = new Float32Array(analyser.frequencyBinCount);
    const binOf = (f: number) => Math.round(f / (context.sampleRate / analyser.fftSize));
    const samples: Sample[] = [];
    const timer = setInterval(() => {
      analyser.getFloatFrequencyData(bins);
      samples.push({ at: Date.now(), db: hz.map((f) => Math.max(bins[binOf(f) - 1] ?? -200, bins[binOf(f)] ?? -200, bins[binOf(f) + 1] ?? -200)) });
    }, 50);
    listening = {
      stop() {
        clearInterval(timer);
        void context.close();
        sink.srcObject = null;
        return samples;
      },
    };
  };
  (window as unknown as { stopListening(): Sample[] }).stopListening = () => listening?.stop() ?? [];
}
