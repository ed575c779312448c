import { remembered } from './remembered-values.ts';
import { Metadata, isSupportedCountry, parsePhoneNumberFromString, validatePhoneNumberLength, type CountryCode } from 'libphonenumber-js/max';

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
  return { raw: text, e164: cleanNumberE164(text, defaultCountry) ?? parsedE164(text, defaultCountry) };
}

/**
 * libphonenumber's full parse and validation: every number the fast path below does not settle.
 * Those repeat in a file (a switchboard written nationally, a placeholder, the same typo) and
 * cost ~50-150 µs each: each is parsed once per country.
 */
export function parsedE164(text: string, defaultCountry: string): string | null {
  return parsedIn(defaultCountry)(text);
}

const parsers = new Map<string, (text: string) => string | null>();
function parsedIn(defaultCountry: string): (text: string) => string | null {
  let parse = parsers.get(defaultCountry);
  if (!parse) {
    parse = remembered((text) => fullParseE164(text, defaultCountry));
    parsers.set(defaultCountry, parse);
  }
  return parse;
}

function fullParseE164(text: string, defaultCountry: string): string | null {
  const parsed = parsePhoneNumberFromString(text, defaultCountry as CountryCode);
  if (parsed?.isValid()) return parsed.number;
  // Only a number too long to be national: ten digits that fail in the US are a typo, not Brazil.
  if (!text.startsWith('+') && /^\d/.test(text) && validatePhoneNumberLength(text, defaultCountry as CountryCode) === 'TOO_LONG') {
    const international = parsePhoneNumberFromString(`+${text}`);
    if (international?.isValid()) return international.number;
  }
  return null;
}

/*
 * The fast path. libphonenumber's parse builds a regular expression from its metadata for every
 * test it makes (several per number, each over a pattern of up to a few kilobytes), which cost
 * ~14 µs a number: 1.4 s of CPU for a 100,000-row file. Most numbers in a CRM export are written
 * cleanly: digits, spaces, dashes, dots, parentheses, an optional leading "+". For those, the
 * steps below are libphonenumber's own (es6/parse.js, helpers/getNumberType.js,
 * getCountryByNationalNumber.js: calling code, national number, country among those sharing the
 * code, then the validity of the national number by type) over the same metadata, with each
 * expression compiled once. The path answers only "valid, and this is its E.164"; anything it
 * does not settle for certain (a national prefix or carrier code to strip, an international
 * dialling prefix, a number that starts with its own country code, a non-geographic code, an
 * invalid number) goes to the full parse above. test/main/leads/phone-numbers.test.ts holds the
 * two paths to the same answers over every country's example numbers and their neighbours.
 */

/** What the fast path reads of a numbering plan; the class's typings declare none of it. */
interface PlanView {
  nationalNumberPattern(): string;
  leadingDigits(): string | undefined;
  nationalPrefixForParsing(): string | undefined;
  IDDPrefix(): string;
  callingCode(): string;
  hasTypes(): boolean;
  type(name: string): { pattern(): string; possibleLengths(): number[] | undefined } | undefined;
}
interface MetadataView {
  numberingPlan: PlanView;
  selectNumberingPlan(countryOrCallingCode: string): void;
  hasCallingCode(callingCode: string): boolean;
  getCountryCodesForCallingCode(callingCode: string): string[] | undefined;
}

/** getNumberType's order: fixed line first, then the others. */
const NUMBER_TYPES = ['FIXED_LINE', 'MOBILE', 'PREMIUM_RATE', 'TOLL_FREE', 'SHARED_COST', 'VOIP', 'PERSONAL_NUMBER', 'PAGER', 'UAN', 'VOICEMAIL'];
/** libphonenumber's bounds on a national significant number and on its input. */
const MIN_NATIONAL_LENGTH = 2;
const MAX_NATIONAL_LENGTH = 17;
const MAX_INPUT_LENGTH = 250;
const CLEAN_NUMBER = /^\+?[\d ().-]*\d$/;

interface Plan {
  callingCode: string;
  general: RegExp;
  types: { lengths: number[] | undefined; pattern: RegExp }[];
  hasTypes: boolean;
  leadingDigits: RegExp | null;
  nationalPrefix: RegExp | null;
  internationalPrefix: RegExp;
}

const metadata = new Metadata() as unknown as MetadataView;
const plans = new Map<string, Plan>();
const whole = (pattern: string) => new RegExp(`^(?:${pattern})$`);
const leading = (pattern: string) => new RegExp(`^(?:${pattern})`);

function planOf(country: string): Plan {
  let plan = plans.get(country);
  if (!plan) {
    metadata.selectNumberingPlan(country);
    const p = metadata.numberingPlan;
    const types = p.hasTypes()
      ? NUMBER_TYPES.flatMap((name) => {
          const type = p.type(name);
          return type?.pattern() ? [{ lengths: type.possibleLengths(), pattern: whole(type.pattern()) }] : [];
        })
      : [];
    const leadingDigits = p.leadingDigits();
    const nationalPrefix = p.nationalPrefixForParsing();
    plan = {
      callingCode: p.callingCode(),
      general: whole(p.nationalNumberPattern()),
      types,
      hasTypes: p.hasTypes(),
      leadingDigits: leadingDigits ? leading(leadingDigits) : null,
      nationalPrefix: nationalPrefix ? leading(nationalPrefix) : null,
      // String.prototype.search(…) === 0, as stripIddPrefix asks: a match that starts at the first digit.
      internationalPrefix: new RegExp(p.IDDPrefix(), 'y'),
    };
    plans.set(country, plan);
  }
  return plan;
}

/** getNumberType(…) !== undefined: the national number fits the plan and one of its types. */
function hasType(nationalNumber: string, plan: Plan): boolean {
  if (!plan.general.test(nationalNumber)) return false;
  return plan.types.some(({ lengths, pattern }) => (!lengths || lengths.includes(nationalNumber.length)) && pattern.test(nationalNumber));
}

/** getCountryByCallingCode: the one country of the code, or the first whose leading digits or types fit. */
function countryOf(countries: readonly string[], nationalNumber: string): string | undefined {
  if (countries.length === 1) return countries[0];
  return countries.find((country) => {
    const plan = planOf(country);
    return plan.leadingDigits ? plan.leadingDigits.test(nationalNumber) : hasType(nationalNumber, plan);
  });
}

/** The E.164 of a cleanly written valid number, or null when the full parse must decide. */
export function cleanNumberE164(text: string, defaultCountry: string): string | null {
  if (text.length > MAX_INPUT_LENGTH || !CLEAN_NUMBER.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  let callingCode: string;
  let countries: string[];
  let nationalNumber: string;
  let fallbackCountry: string;
  if (text.startsWith('+')) {
    if (digits.startsWith('0')) return null;
    const code = [1, 2, 3].map((length) => digits.slice(0, length)).find((code) => code.length > 0 && metadata.hasCallingCode(code));
    const codeCountries = code === undefined ? undefined : metadata.getCountryCodesForCallingCode(code);
    // A non-geographic code (+800, +882…) is left to the full parse.
    if (code === undefined || !codeCountries) return null;
    [callingCode, countries, nationalNumber, fallbackCountry] = [code, codeCountries, digits.slice(code.length), codeCountries[0]!];
    if (planOf(fallbackCountry).nationalPrefix?.test(nationalNumber)) return null;
  } else {
    if (!isSupportedCountry(defaultCountry)) return null;
    const plan = planOf(defaultCountry);
    plan.internationalPrefix.lastIndex = 0;
    if (plan.internationalPrefix.test(digits) || digits.startsWith(plan.callingCode) || plan.nationalPrefix?.test(digits)) return null;
    const codeCountries = metadata.getCountryCodesForCallingCode(plan.callingCode);
    if (!codeCountries) return null;
    [callingCode, countries, nationalNumber, fallbackCountry] = [plan.callingCode, codeCountries, digits, defaultCountry];
  }
  if (nationalNumber.length < MIN_NATIONAL_LENGTH || nationalNumber.length > MAX_NATIONAL_LENGTH) return null;
  const plan = planOf(countryOf(countries, nationalNumber) ?? fallbackCountry);
  const valid = plan.hasTypes ? hasType(nationalNumber, plan) : plan.general.test(nationalNumber);
  return valid ? `+${callingCode}${nationalNumber}` : null;
}
