import { writeFileSync } from 'node:fs';

/**
 * A second of a 440 Hz tone at half scale, 16-bit mono PCM at 48 kHz: what Chromium's fake
 * microphone plays (it loops the file), so each side's ear can tell the other's voice from silence.
 */
export function writeToneWav(file: string, hz = 440, seconds = 1, rate = 48_000): void {
  writeFileSync(file, toneWav(hz, seconds, rate));
}

/** The same tone as bytes: a greeting or an announcement a test uploads (a known signal the callee's ear can find). */
export function toneWav(hz = 440, seconds = 1, rate = 48_000): Buffer {
  const samples = Math.round(seconds * rate);
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * 0.5 * 32767), i * 2);
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVE', 8);
  header.write('fmt ', 12);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
