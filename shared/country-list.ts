import countries from 'i18n-iso-countries';

/**
 * Every country the importer recognises, as ISO 3166-1 alpha-2 codes (with Kosovo's XK, which
 * CRMs write too). One list for both sides: the importer reads a row's country against it, and
 * the import wizard offers the same countries as the default for numbers written without +.
 */
export const COUNTRY_CODES: readonly string[] = Object.keys(countries.getAlpha2Codes());

/** The three-letter code of a country ("SE" → "SWE"), as some CRMs write it. */
export const alpha3Of = (alpha2: string): string | undefined => countries.alpha2ToAlpha3(alpha2);

export interface CountryChoice {
  code: string;
  name: string;
}

/**
 * The countries named in the reader's language and sorted the way that language sorts
 * ("Österreich" among the Os in German), for a list a person picks from by typing a name.
 */
export function countryChoices(locales?: string | readonly string[]): CountryChoice[] {
  const names = new Intl.DisplayNames(locales as string[] | undefined, { type: 'region', fallback: 'code' });
  const collator = new Intl.Collator(locales as string[] | undefined);
  return COUNTRY_CODES.map((code) => ({ code, name: names.of(code) ?? code })).sort((a, b) => collator.compare(a.name, b.name));
}
