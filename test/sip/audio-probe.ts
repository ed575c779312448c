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
}
