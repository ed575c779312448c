import { iso31662 } from 'iso-3166';
import { describe, expect, it } from 'vitest';
import { regionCode, subdivisionCode, zoneOfRegion } from '../../../main/leads/region-zones.ts';
import { SUBDIVISION_ZONES } from '../../../main/leads/subdivision-zones.ts';

type Table = Record<string, [name: string, zone: string]>;

/*
 * The hand tables region-zones.ts kept before the subdivisions came from the iso-3166 package,
 * copied as they were: every state and province in them must keep its code and its zone.
 */
const US_BEFORE: Table = {
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

const CA_BEFORE: Table = {
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

const AU_BEFORE: Table = {
  ACT: ['Australian Capital Territory', 'Australia/Sydney'],
  NSW: ['New South Wales', 'Australia/Sydney'],
  NT: ['Northern Territory', 'Australia/Darwin'],
  QLD: ['Queensland', 'Australia/Brisbane'],
  SA: ['South Australia', 'Australia/Adelaide'],
  TAS: ['Tasmania', 'Australia/Hobart'],
  VIC: ['Victoria', 'Australia/Melbourne'],
  WA: ['Western Australia', 'Australia/Perth'],
};

const BEFORE: [country: string, table: Table][] = [
  ['US', US_BEFORE],
  ['CA', CA_BEFORE],
  ['AU', AU_BEFORE],
];

describe('states and provinces of the former hand tables', () => {
  for (const [country, table] of BEFORE) {
    for (const [code, [name, zone]] of Object.entries(table)) {
      it(`${country}-${code} (${name}) keeps its zone ${zone} and its code`, () => {
        for (const written of [code, name, name.toUpperCase(), `${country}-${code}`, code.toLowerCase()]) {
          expect(zoneOfRegion(written, country), written).toBe(zone);
          expect(regionCode(written, country), written).toBe(code);
        }
      });
    }
  }

  it('without a country, tries the US, then Canada, then Australia, as before', () => {
    for (const [, table] of BEFORE) {
      for (const [code, [name]] of Object.entries(table)) {
        for (const written of [code, name]) {
          // The first table, in that order, that knows what is written.
          const first = BEFORE.map(([, t]) => t[written] ?? Object.values(t).find(([n]) => n === written)).find(Boolean)!;
          expect(zoneOfRegion(written, null), written).toBe(first[1]);
        }
      }
    }
    expect(zoneOfRegion('WA', null)).toBe('America/Los_Angeles');
    expect(zoneOfRegion('NT', null)).toBe('America/Yellowknife');
    expect(zoneOfRegion('NSW', null)).toBe('Australia/Sydney');
  });
});

describe('states and provinces from the iso-3166 package', () => {
  it('places states of the other countries that span several zones', () => {
    expect(zoneOfRegion('São Paulo', 'BR')).toBe('America/Sao_Paulo');
    expect(zoneOfRegion('Sao Paulo', 'BR')).toBe('America/Sao_Paulo');
    expect(zoneOfRegion('AM', 'BR')).toBe('America/Manaus');
    expect(zoneOfRegion('Acre', 'BR')).toBe('America/Rio_Branco');
    expect(zoneOfRegion('Quintana Roo', 'MX')).toBe('America/Cancun');
    expect(zoneOfRegion('Baja California', 'MX')).toBe('America/Tijuana');
    expect(zoneOfRegion('Baja California Sur', 'MX')).toBe('America/Mazatlan');
    expect(zoneOfRegion('Nuevo León', 'MX')).toBe('America/Monterrey');
    expect(zoneOfRegion('RU-KGD', null)).toBe('Europe/Kaliningrad');
    expect(zoneOfRegion("Sverdlovskaya oblast'", 'RU')).toBe('Asia/Yekaterinburg');
    expect(zoneOfRegion('Moskva', 'RU')).toBe('Europe/Moscow');
    expect(zoneOfRegion('Primorskiy kray', 'RU')).toBe('Asia/Vladivostok');
    // The name before the comma, as people write a republic.
    expect(zoneOfRegion('Tatarstan', 'RU')).toBe('Europe/Moscow');
  });

  it('places US territories the hand table did not have', () => {
    expect(zoneOfRegion('Guam', null)).toBe('Pacific/Guam');
    expect(zoneOfRegion('US-VI', null)).toBe('America/St_Thomas');
    expect(regionCode('American Samoa', 'US')).toBe('AS');
    // The Minor Outlying Islands span several zones: the number decides, not a guess.
    expect(zoneOfRegion('UM', 'US')).toBeNull();
  });

  it('a prefixed code names its own country, whatever the row says', () => {
    expect(zoneOfRegion('AU-WA', null)).toBe('Australia/Perth');
    expect(zoneOfRegion('CA-NT', null)).toBe('America/Yellowknife');
  });

  it('recognises the states of any country, and keeps the region as written where it does not decide the zone', () => {
    expect(subdivisionCode('Bayern', 'DE')).toBe('DE-BY');
    expect(subdivisionCode('New South Wales', 'AU')).toBe('AU-NSW');
    expect(subdivisionCode('Ontario', 'CA')).toBe('CA-ON');
    expect(subdivisionCode('Zurich', 'CH')).toBe('CH-ZH');
    expect(regionCode('Bayern', 'DE')).toBe('Bayern');
    expect(zoneOfRegion('Bayern', 'DE')).toBeNull();
    expect(regionCode('DE-BY', 'DE')).toBe('BY');
    expect(regionCode('Somewhere', 'US')).toBe('Somewhere');
    expect(zoneOfRegion('Ontario', 'US')).toBeNull();
    expect(regionCode('  ', 'US')).toBeNull();
  });
});

describe('the zone table', () => {
  const known = new Set(iso31662.map((s) => s.code));

  it('names only subdivisions the package has, and zones Intl knows', () => {
    for (const [code, zone] of SUBDIVISION_ZONES) {
      expect(known.has(code), code).toBe(true);
      // Intl refuses a zone it does not know (the tz database's links, America/Indiana/Indianapolis, it takes).
      expect(() => new Intl.DateTimeFormat('en-US', { timeZone: zone }), zone).not.toThrow();
    }
  });

  it('places every state and province of each country it covers (but the US Minor Outlying Islands)', () => {
    for (const country of ['US', 'CA', 'AU', 'BR', 'MX', 'RU']) {
      const missing = iso31662.filter((s) => s.parent === country && s.code !== 'US-UM' && !SUBDIVISION_ZONES.has(s.code)).map((s) => s.code);
      expect(missing, country).toEqual([]);
    }
  });
});
