/**
 * Records a greeting from the chosen microphone (MediaRecorder, WebM/Opus), and plays a greeting
 * back to the rep through WebAudio from the bytes main returned: nothing is kept in the page's
 * own storage.
 */
export interface GreetingTake {
  /** Stops, and resolves with what was said. */
  stop(): Promise<Blob>;
}

export async function recordGreeting(microphoneId: string): Promise<GreetingTake> {
  const microphone = await navigator.mediaDevices.getUserMedia({ audio: microphoneId ? { deviceId: { exact: microphoneId } } : true, video: false });
  const recorder = new MediaRecorder(microphone, { mimeType: 'audio/webm;codecs=opus' });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (event) => {
    if (event.data.size > 0) chunks.push(event.data);
  };
  recorder.start();
  return {
    stop: () =>
      new Promise<Blob>((resolve) => {
        recorder.onstop = () => {
          for (const track of microphone.getTracks()) track.stop();
          resolve(new Blob(chunks, { type: 'audio/webm' }));
        };
        recorder.stop();
      }),
  };
}

/** Plays audio bytes to the rep's speaker; the returned function stops it. `onEnd` runs when it stops either way. */
export async function playToRep(bytes: ArrayBuffer, onEnd: () => void): Promise<() => void> {
  const context = new AudioContext();
  const source = context.createBufferSource();
  source.buffer = await context.decodeAudioData(bytes);
  source.connect(context.destination);
  source.onended = () => {
    void context.close();
    onEnd();
  };
  source.start();
  return () => source.stop();
}
