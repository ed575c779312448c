import { describe, expect, it } from 'vitest';
import { COUNTRY_CODES, countryChoices } from '../../shared/country-list.ts';

describe('the country list', () => {
  it('holds every ISO country and Kosovo', () => {
    expect(COUNTRY_CODES).toHaveLength(250);
    expect(COUNTRY_CODES).toEqual(expect.arrayContaining(['US', 'SE', 'JP', 'BR', 'XK']));
  });

  it('names the countries in the reader’s language, sorted as that language sorts', () => {
    const german = countryChoices('de').map((c) => c.name);
    expect(german).toContain('Schweden');
    // Ö sorts with O in German: after Oman, before Pakistan.
    expect(german.indexOf('Österreich')).toBeGreaterThan(german.indexOf('Oman'));
    expect(german.indexOf('Österreich')).toBeLessThan(german.indexOf('Pakistan'));
    expect(countryChoices('en').find((c) => c.code === 'SE')).toEqual({ code: 'SE', name: 'Sweden' });
    expect(countryChoices('fr').find((c) => c.code === 'US')?.name).toBe('États-Unis');
  });
});
