/**
 * Dial links hand a number to the system's softphone. This is the only way a string reaches
 * the operating system's URL handler, so it accepts nothing but a scheme from this list and a
 * number in E.164 form (a plus, a non-zero digit, at most 15 digits in all).
 */
export const DIAL_SCHEMES = ['tel', 'sip', 'callto'] as const;
export type DialScheme = (typeof DIAL_SCHEMES)[number];

/** A number in E.164 form: a plus, a non-zero digit, 7 to 15 digits in all. */
export const E164 = /^\+[1-9]\d{6,14}$/;

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
  const [scheme = '', e164 = '', ...extra] = url.split(':');
  if (extra.length > 0 || !(DIAL_SCHEMES as readonly string[]).includes(scheme) || !isE164(e164)) return null;
  return { scheme: scheme as DialScheme, e164 };
}
