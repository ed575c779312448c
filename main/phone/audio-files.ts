import { renameSync, writeFileSync } from 'node:fs';
import type { AudioType } from '../../shared/call-audio.ts';
import { PRIVATE_FILE_MODE } from '../store/private-files.ts';

/**
 * What a file's first bytes say it is. The name and the type the console sends are not trusted:
 * a text file renamed .wav, or a page's markup sent as audio/webm, is refused here.
 */
export function sniffAudio(bytes: Uint8Array): AudioType | null {
  const ascii = (from: number, to: number) => String.fromCharCode(...bytes.subarray(from, to));
  if (bytes.length < 12) return null;
  if (ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WAVE') return 'audio/wav';
  if (bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3) return 'audio/webm';
  if (ascii(0, 4) === 'OggS') return 'audio/ogg';
  if (ascii(4, 8) === 'ftyp') return 'audio/mp4';
  if (ascii(0, 3) === 'ID3' || (bytes[0] === 0xff && ((bytes[1] ?? 0) & 0xe0) === 0xe0)) return 'audio/mpeg';
  return null;
}

export const EXTENSIONS: Readonly<Record<AudioType, string>> = {
  'audio/webm': 'webm',
  'audio/ogg': 'ogg',
  'audio/wav': 'wav',
  'audio/mpeg': 'mp3',
  'audio/mp4': 'm4a',
};

/** Written aside and renamed, for this user's eyes only: a crash never leaves half a file under the real name. */
export function writeAudioFile(file: string, bytes: Uint8Array): void {
  const part = `${file}.part`;
  writeFileSync(part, bytes, { mode: PRIVATE_FILE_MODE });
  renameSync(part, file);
}
