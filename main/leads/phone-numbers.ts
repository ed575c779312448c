import { parsePhoneNumberFromString, validatePhoneNumberLength, type CountryCode } from 'libphonenumber-js/max';

export interface NormalizedPhone {
  raw: string;
  e164: string | null;
}

/**
 * E.164 for a number as written, read in the list's default country when it has no prefix.
 * A number too long to be national there is tried as international, its "+" lost on the way
 * (Excel drops it; Salesforce keeps "886-2-25474189" and "33562156600" as typed).
 * A number that is not valid keeps its raw text and a null E.164: flagged, never dropped.
 */
export function normalizePhone(raw: string, defaultCountry: string): NormalizedPhone {
  const text = raw.trim();
  const parsed = parsePhoneNumberFromString(text, defaultCountry as CountryCode);
  if (parsed?.isValid()) return { raw: text, e164: parsed.number };
  // Only a number too long to be national: ten digits that fail in the US are a typo, not Brazil.
  if (!text.startsWith('+') && /^\d/.test(text) && validatePhoneNumberLength(text, defaultCountry as CountryCode) === 'TOO_LONG') {
    const international = parsePhoneNumberFromString(`+${text}`);
    if (international?.isValid()) return { raw: text, e164: international.number };
  }
  return { raw: text, e164: null };
}
