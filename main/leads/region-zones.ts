import countries from 'i18n-iso-countries';

/**
 * The time zone of a state or province, for the countries whose lists team leads call most and
 * that span several zones. A state split between two zones gets the zone most of its people
 * live in (Florida: Eastern, Texas: Central, Tennessee: Central, Indiana: Eastern…).
 */
const US: Record<string, [name: string, zone: string]> = {
  AL: ['Alabama', 'America/Chicago'],
  AK: ['Alaska', 'America/Anchorage'],
  AZ: ['Arizona', 'America/Phoenix'],
  AR: ['Arkansas', 'America/Chicago'],
  CA: ['California', 'America/Los_Angeles'],
  CO: ['Colorado', 'America/Denver'],
  CT: ['Connecticut', 'America/New_York'],
  DE: ['Delaware', 'America/New_York'],
  DC: ['District of Columbia', 'America/New_York'],
  FL: ['Florida', 'America/New_York'],
  GA: ['Georgia', 'America/New_York'],
  HI: ['Hawaii', 'Pacific/Honolulu'],
  ID: ['Idaho', 'America/Boise'],
  IL: ['Illinois', 'America/Chicago'],
  IN: ['Indiana', 'America/Indiana/Indianapolis'],
  IA: ['Iowa', 'America/Chicago'],
  KS: ['Kansas', 'America/Chicago'],
  KY: ['Kentucky', 'America/New_York'],
  LA: ['Louisiana', 'America/Chicago'],
  ME: ['Maine', 'America/New_York'],
  MD: ['Maryland', 'America/New_York'],
  MA: ['Massachusetts', 'America/New_York'],
  MI: ['Michigan', 'America/Detroit'],
  MN: ['Minnesota', 'America/Chicago'],
  MS: ['Mississippi', 'America/Chicago'],
  MO: ['Missouri', 'America/Chicago'],
  MT: ['Montana', 'America/Denver'],
  NE: ['Nebraska', 'America/Chicago'],
  NV: ['Nevada', 'America/Los_Angeles'],
  NH: ['New Hampshire', 'America/New_York'],
  NJ: ['New Jersey', 'America/New_York'],
  NM: ['New Mexico', 'America/Denver'],
  NY: ['New York', 'America/New_York'],
  NC: ['North Carolina', 'America/New_York'],
  ND: ['North Dakota', 'America/Chicago'],
  OH: ['Ohio', 'America/New_York'],
  OK: ['Oklahoma', 'America/Chicago'],
  OR: ['Oregon', 'America/Los_Angeles'],
  PA: ['Pennsylvania', 'America/New_York'],
  PR: ['Puerto Rico', 'America/Puerto_Rico'],
  RI: ['Rhode Island', 'America/New_York'],
  SC: ['South Carolina', 'America/New_York'],
  SD: ['South Dakota', 'America/Chicago'],
  TN: ['Tennessee', 'America/Chicago'],
  TX: ['Texas', 'America/Chicago'],
  UT: ['Utah', 'America/Denver'],
  VT: ['Vermont', 'America/New_York'],
  VA: ['Virginia', 'America/New_York'],
  WA: ['Washington', 'America/Los_Angeles'],
  WV: ['West Virginia', 'America/New_York'],
  WI: ['Wisconsin', 'America/Chicago'],
  WY: ['Wyoming', 'America/Denver'],
};

const CA: Record<string, [name: string, zone: string]> = {
  AB: ['Alberta', 'America/Edmonton'],
  BC: ['British Columbia', 'America/Vancouver'],
  MB: ['Manitoba', 'America/Winnipeg'],
  NB: ['New Brunswick', 'America/Moncton'],
  NL: ['Newfoundland and Labrador', 'America/St_Johns'],
  NS: ['Nova Scotia', 'America/Halifax'],
  NT: ['Northwest Territories', 'America/Yellowknife'],
  NU: ['Nunavut', 'America/Iqaluit'],
  ON: ['Ontario', 'America/Toronto'],
  PE: ['Prince Edward Island', 'America/Halifax'],
  QC: ['Quebec', 'America/Toronto'],
  SK: ['Saskatchewan', 'America/Regina'],
  YT: ['Yukon', 'America/Whitehorse'],
};

const AU: Record<string, [name: string, zone: string]> = {
  ACT: ['Australian Capital Territory', 'Australia/Sydney'],
  NSW: ['New South Wales', 'Australia/Sydney'],
  NT: ['Northern Territory', 'Australia/Darwin'],
  QLD: ['Queensland', 'Australia/Brisbane'],
  SA: ['South Australia', 'Australia/Adelaide'],
  TAS: ['Tasmania', 'Australia/Hobart'],
  VIC: ['Victoria', 'Australia/Melbourne'],
  WA: ['Western Australia', 'Australia/Perth'],
};

const REGIONS: Record<string, Record<string, [string, string]>> = { US, CA, AU };

/** Lower-case letters and digits of any script, accents dropped: "Österreich" → "osterreich", "日本" stays. */
const squash = (value: string) =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

function index(table: Record<string, [string, string]>): Map<string, string> {
  return new Map(Object.entries(table).flatMap(([code, [name, zone]]) => [[squash(code), zone] as const, [squash(name), zone] as const]));
}

const BY_COUNTRY = new Map(Object.entries(REGIONS).map(([country, table]) => [country, index(table)]));

/** Names no standard gives but CRMs and people write. */
const COUNTRY_NICKNAMES: Record<string, string> = {
  unitedstatesofamerica: 'US',
  america: 'US',
  greatbritain: 'GB',
  england: 'GB',
  scotland: 'GB',
  wales: 'GB',
  northernireland: 'GB',
  holland: 'NL',
};

let countryNames: Map<string, string> | null = null;

/**
 * Every way a country is written, to its ISO code: the code itself, its ISO-3 code (from the
 * i18n-iso-countries data), and its name, long and short, in English, French, German, Spanish
 * and in the language its own people speak (Unicode's likely-subtags data through Intl),
 * so "Sweden", "Sverige", "SWE", "SE", "Österreich", "日本", "Brasil", "UK" and "USA" all resolve.
 */
function countryNameIndex(): Map<string, string> {
  if (countryNames) return countryNames;
  const names = new Map<string, string>();
  const displayNames = new Map<string, Intl.DisplayNames[]>();
  const namers = (language: string) => {
    let found = displayNames.get(language);
    if (!found) {
      found = (['long', 'short'] as const).map((style) => new Intl.DisplayNames([language], { type: 'region', style, fallback: 'none' }));
      displayNames.set(language, found);
    }
    return found;
  };
  for (const [alpha2, alpha3] of Object.entries(countries.getAlpha2Codes()).map(([a2]) => [a2, countries.alpha2ToAlpha3(a2)] as const)) {
    const own = new Intl.Locale(`und-${alpha2}`).maximize().language;
    for (const language of ['en', 'fr', 'de', 'es', 'it', 'pt', 'nl', own]) {
      for (const namer of namers(language)) {
        const name = namer.of(alpha2);
        if (name && !names.has(squash(name))) names.set(squash(name), alpha2);
      }
    }
    if (alpha3) names.set(squash(alpha3), alpha2);
    names.set(squash(alpha2), alpha2);
  }
  for (const [nickname, code] of Object.entries(COUNTRY_NICKNAMES)) names.set(nickname, code);
  countryNames = names;
  return names;
}

/**
 * A two-letter country code from what CRMs write ("United States", "USA", "us", "Sverige",
 * "日本"), or from a subdivision code ("US-NY"); null when it names no country.
 */
export function countryCode(value: string): string | null {
  const subdivision = /^([a-z]{2})-[a-z0-9]{1,3}$/i.exec(value.trim());
  const key = squash(subdivision ? subdivision[1]! : value);
  if (!key) return null;
  return countryNameIndex().get(key) ?? null;
}

/** The zone of a country that keeps one clock ("Sweden", "Japan"), from Intl's own data, or null. */
export function zoneOfCountry(country: string | null): string | null {
  if (!country) return null;
  const locale = new Intl.Locale(`und-${country}`) as Intl.Locale & { getTimeZones?: () => string[] | undefined };
  const zones = locale.getTimeZones?.() ?? [];
  return zones.length === 1 ? zones[0]! : null;
}

/**
 * The two- or three-letter code of a state or province written either way ("Florida", "FL"),
 * as the store keeps it, so rules that follow a state find it; other regions stay as written.
 */
export function regionCode(region: string, country: string | null): string | null {
  const text = withoutCountryPrefix(region);
  if (!text) return null;
  const key = squash(text);
  for (const c of country ? [country] : ['US', 'CA', 'AU']) {
    const table = REGIONS[c];
    if (!table) continue;
    const code = Object.entries(table).find(([code, [name]]) => squash(code) === key || squash(name) === key)?.[0];
    if (code) return code;
  }
  return text;
}

/**
 * The zone of a state or province. Without a country, a US state is tried first, then a
 * Canadian province, then an Australian state ("ON" can only be Ontario).
 */
export function zoneOfRegion(region: string, country: string | null): string | null {
  const key = squash(withoutCountryPrefix(region));
  if (!key) return null;
  const countries = country ? [country] : ['US', 'CA', 'AU'];
  for (const c of countries) {
    const zone = BY_COUNTRY.get(c)?.get(key);
    if (zone) return zone;
  }
  return null;
}

/** "US-NY" (ISO 3166-2, as OroCRM writes a state) is the state "NY". */
function withoutCountryPrefix(region: string): string {
  return region.trim().replace(/^[a-z]{2}-(?=[a-z0-9]{1,3}$)/i, '');
}
