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

const COUNTRY_NAMES: Record<string, string> = {
  us: 'US',
  usa: 'US',
  unitedstates: 'US',
  unitedstatesofamerica: 'US',
  ca: 'CA',
  canada: 'CA',
  au: 'AU',
  australia: 'AU',
  gb: 'GB',
  uk: 'GB',
  unitedkingdom: 'GB',
  greatbritain: 'GB',
  fr: 'FR',
  france: 'FR',
  de: 'DE',
  germany: 'DE',
  deutschland: 'DE',
  es: 'ES',
  spain: 'ES',
  it: 'IT',
  italy: 'IT',
  nl: 'NL',
  netherlands: 'NL',
  ie: 'IE',
  ireland: 'IE',
  mx: 'MX',
  mexico: 'MX',
};

const REGIONS: Record<string, Record<string, [string, string]>> = { US, CA, AU };

const squash = (value: string) => value.toLowerCase().replace(/[^a-z]/g, '');

function index(table: Record<string, [string, string]>): Map<string, string> {
  return new Map(Object.entries(table).flatMap(([code, [name, zone]]) => [[squash(code), zone] as const, [squash(name), zone] as const]));
}

const BY_COUNTRY = new Map(Object.entries(REGIONS).map(([country, table]) => [country, index(table)]));

/** A two-letter country code from what CRMs write ("United States", "USA", "us"), or null. */
export function countryCode(value: string): string | null {
  const key = squash(value);
  if (!key) return null;
  return COUNTRY_NAMES[key] ?? (/^[a-z]{2}$/.test(key) ? key.toUpperCase() : null);
}

/**
 * The two- or three-letter code of a state or province written either way ("Florida", "FL"),
 * as the store keeps it, so rules that follow a state find it; other regions stay as written.
 */
export function regionCode(region: string, country: string | null): string | null {
  const text = region.trim();
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
  const key = squash(region);
  if (!key) return null;
  const countries = country ? [country] : ['US', 'CA', 'AU'];
  for (const c of countries) {
    const zone = BY_COUNTRY.get(c)?.get(key);
    if (zone) return zone;
  }
  return null;
}
