/**
 * Dial links hand a number to the system's softphone. This is the only way a string reaches
 * the operating system's URL handler, so it accepts nothing but a scheme from this list and a
 * number in E.164 form (a plus, a non-zero digit, at most 15 digits in all).
 */
export const DIAL_SCHEMES = ['tel', 'sip', 'callto'] as const;
export type DialScheme = (typeof DIAL_SCHEMES)[number];

const E164 = /^\+[1-9]\d{6,14}$/;

export function isE164(value: string): boolean {
  return E164.test(value);
}

export function dialLink(scheme: DialScheme, e164: string): string {
  if (!DIAL_SCHEMES.includes(scheme)) throw new Error(`Unsupported dial scheme: ${String(scheme)}`);
  if (!isE164(e164)) throw new Error(`Not an E.164 phone number: ${e164}`);
  return `${scheme}:${e164}`;
}

/** Parses a link back; null unless it is exactly what dialLink would have made. */
export function parseDialLink(url: string): { scheme: DialScheme; e164: string } | null {
  const match = /^(tel|sip|callto):(\+[1-9]\d{6,14})$/.exec(url);
  if (!match) return null;
  return { scheme: match[1] as DialScheme, e164: match[2]! };
}
