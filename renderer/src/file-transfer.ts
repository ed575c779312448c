import type { ExportedFile } from '../../shared/imports.ts';

/** Files to and from main: bytes go as base64 (the core detects the encoding itself). */

export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

/** A file main sent as base64, as bytes again. */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** Hands a file the core made (an export, the rejected rows) to the browser's or Electron's download. */
export function saveFile({ fileName, mimeType, content, encoding }: ExportedFile): void {
  const blob = encoding === 'base64' ? new Blob([base64ToBytes(content)], { type: mimeType }) : new Blob([content], { type: `${mimeType};charset=utf-8` });
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
