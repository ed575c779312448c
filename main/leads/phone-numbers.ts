import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

export interface NormalizedPhone {
  raw: string;
  e164: string | null;
}

/**
 * E.164 for a number as written, read in the list's default country when it has no prefix.
 * A number that is not valid keeps its raw text and a null E.164: flagged, never dropped.
 */
export function normalizePhone(raw: string, defaultCountry: string): NormalizedPhone {
  const text = raw.trim();
  const parsed = parsePhoneNumberFromString(text, defaultCountry as CountryCode);
  return { raw: text, e164: parsed?.isValid() ? parsed.number : null };
}
