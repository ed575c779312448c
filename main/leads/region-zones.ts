import { iso31662 } from 'iso-3166';
import { alpha3Of, COUNTRY_CODES } from '../../shared/country-list.ts';
import { SUBDIVISION_ZONES, ZONED_COUNTRIES } from './subdivision-zones.ts';

/** Where a state or province is written without its country, these are tried in turn ("ON" can only be Ontario). */
const COUNTRIES_WITHOUT_COUNTRY = ['US', 'CA', 'AU'];

/** "US-NY" (ISO 3166-2, as OroCRM writes a state): the country, then the state. */
const PREFIXED = /^([a-z]{2})-([a-z0-9]{1,3})$/i;

/** Lower-case letters and digits of any script, accents dropped: "Österreich" → "osterreich", "日本" stays. */
const squash = (value: string) =>
  value
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]/gu, '');

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
  for (const alpha2 of COUNTRY_CODES) {
    const alpha3 = alpha3Of(alpha2);
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
  const subdivision = PREFIXED.exec(value.trim());
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

let subdivisionKeys: Map<string, Map<string, string>> | null = null;

/**
 * Each country's states and provinces by every way the iso-3166 package writes them: the code
 * after the country's ("NY", "NSW"), the name ("New York", "Bayern", "São Paulo", accents
 * dropped) and the name before a comma ("Adygeya" for "Adygeya, Respublika"). A country's own
 * subdivisions come before nested ones (French departments under their regions), so a
 * department never shadows a region of the same name.
 */
function subdivisionIndex(): Map<string, Map<string, string>> {
  if (subdivisionKeys) return subdivisionKeys;
  const byCountry = new Map<string, Map<string, string>>();
  const topLevelFirst = [...iso31662].sort((a, b) => Number(a.parent.length > 2) - Number(b.parent.length > 2));
  for (const { code, name } of topLevelFirst) {
    const country = code.slice(0, 2);
    let keys = byCountry.get(country);
    if (!keys) byCountry.set(country, (keys = new Map()));
    for (const written of [code.slice(3), name, name.split(',')[0]!]) {
      const key = squash(written);
      if (key && !keys.has(key)) keys.set(key, code);
    }
  }
  subdivisionKeys = byCountry;
  return byCountry;
}

/**
 * The ISO 3166-2 code ("US-NY") of a state or province written as CRMs write it: "New York",
 * "NY", "US-NY". A prefixed code names its own country; otherwise the row's country is asked,
 * or without one the US, Canada and Australia in turn.
 */
export function subdivisionCode(region: string, country: string | null): string | null {
  const text = region.trim();
  const prefixed = PREFIXED.exec(text);
  const countries = prefixed ? [prefixed[1]!.toUpperCase()] : country ? [country] : COUNTRIES_WITHOUT_COUNTRY;
  const key = squash(prefixed ? prefixed[2]! : text);
  if (!key) return null;
  for (const c of countries) {
    const code = subdivisionIndex().get(c)?.get(key);
    if (code) return code;
  }
  return null;
}

/**
 * The code of a state or province written either way ("Florida", "FL" → "FL"), as the store
 * keeps it so the rules that follow a state find it, in the countries where the state decides
 * the zone (subdivision-zones.ts); elsewhere the region stays as written ("Bayern").
 */
export function regionCode(region: string, country: string | null): string | null {
  const text = region.trim();
  if (!text) return null;
  const code = subdivisionCode(region, country);
  if (code && ZONED_COUNTRIES.has(code.slice(0, 2))) return code.slice(3);
  return PREFIXED.exec(text)?.[2] ?? text;
}

/** The zone of a state or province, where the country spans several; null elsewhere or when unknown. */
export function zoneOfRegion(region: string, country: string | null): string | null {
  const code = subdivisionCode(region, country);
  return code ? (SUBDIVISION_ZONES.get(code) ?? null) : null;
}
