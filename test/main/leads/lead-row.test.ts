import { describe, expect, it } from 'vitest';
import { phoneSlots, resolveColumns } from '../../../main/leads/column-aliases.ts';
import { readLeadRow, type ImportedLead } from '../../../main/leads/lead-row.ts';

/** One CSV row read as a lead, the way the import reads it, with the list's default country US. */
function read(headers: string[], row: string[], defaultCountry = 'US'): ImportedLead | string | null {
  const columns = resolveColumns(headers);
  return readLeadRow(row, { columns, phoneSlots: phoneSlots(headers, columns), defaultCountry, now: 0 });
}
const lead = (headers: string[], row: string[], defaultCountry = 'US') => {
  const result = read(headers, row, defaultCountry);
  if (result === null || typeof result === 'string') throw new Error(`not a lead: ${result}`);
  return result;
};

describe('a row read as a lead', () => {
  it('reads a country as CRMs write it, in English, in its own language or as a code, over --default-country', () => {
    const headers = ['Name', 'Phone', 'Country'];
    for (const country of ['Sweden', 'Sverige', 'SE', 'SWE', 'sweden ']) {
      expect(lead(headers, ['Anna Berg', '08-123 456 78', country])).toMatchObject({ country: 'SE', timeZone: 'Europe/Stockholm', phones: [{ e164: '+46812345678' }] });
    }
    expect(lead(headers, ['Lea Gruber', '01 5123456', 'Österreich'])).toMatchObject({ country: 'AT', timeZone: 'Europe/Vienna', phones: [{ e164: '+4315123456' }] });
    expect(lead(headers, ['Ueli Meier', '044 668 18 00', 'Schweiz'])).toMatchObject({ country: 'CH', phones: [{ e164: '+41446681800' }] });
    expect(lead(headers, ['Taro Yamada', '03-1234-5678', '日本'])).toMatchObject({ country: 'JP', timeZone: 'Asia/Tokyo', phones: [{ e164: '+81312345678' }] });
    expect(lead(headers, ['João Silva', '(11) 91234-5678', 'Brasil'])).toMatchObject({ country: 'BR', phones: [{ e164: '+5511912345678' }] });
    expect(lead(headers, ['Ann Lee', '020 7946 0958', 'UK'])).toMatchObject({ country: 'GB', phones: [{ e164: '+442079460958' }] });
    expect(lead(headers, ['Al Bundy', '(312) 555-0142', 'USA'])).toMatchObject({ country: 'US' });
  });

  it('reads a state written as an ISO subdivision (US-NY) for its zone', () => {
    expect(lead(['Name', 'Phone', 'State', 'Country'], ['Jo Doe', '+1 555 0100', 'US-CA', 'US'])).toMatchObject({ region: 'CA', timeZone: 'America/Los_Angeles' });
  });

  it('reads "#N/A", a quoted empty string and 0/0/00 as empty', () => {
    const result = lead(['First Name', 'Last Name', 'Company', 'Email', 'Phone'], ['Andy', '#N/A', '""', '0/0/00', '(212) 555-0100']);
    expect(result).toMatchObject({ lastName: '', company: null, email: null });
  });

  it("removes Excel's leading apostrophe from a number", () => {
    expect(lead(['Name', 'Mobile Phone', 'Work Direct Phone'], ['Ann Lee', "'+61 8 9256 5304", "'0412 345 678"], 'AU').phones).toEqual([
      { raw: '0412 345 678', e164: '+61412345678', type: 'work', bad: false },
      { raw: '+61 8 9256 5304', e164: '+61892565304', type: 'mobile', bad: false },
    ]);
  });

  it('tries a number too long to be national as international, its + lost; a short bad one stays flagged', () => {
    const headers = ['Name', 'Phone'];
    expect(lead(headers, ['Jeff Glimpse', '886-2-25474189']).phones[0]).toMatchObject({ e164: '+886225474189' });
    expect(lead(headers, ['Pat Stumuller', '33562156600']).phones[0]).toMatchObject({ e164: '+33562156600' });
    expect(lead(headers, ['Lee Doe', '5114912051']).phones[0]).toMatchObject({ raw: '5114912051', e164: null });
  });

  it('skips a report footer: no lead, and no reject', () => {
    const headers = ['First Name', 'Last Name', 'Phone'];
    expect(read(headers, ['Grand Totals (22 records)', '', ''])).toBeNull();
    expect(read(headers, ['Confidential Information - Do Not Distribute', '', ''])).toBeNull();
    expect(read(headers, ['Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.', '', ''])).toBeNull();
    // A person whose first name happens to start so is still a person.
    expect(read(headers, ['Copyright', 'Holder', '(212) 555-0100'])).not.toBeNull();
  });

  it('takes an honorific in a Title column for no job title', () => {
    const headers = ['Title', 'First Name', 'Phone'];
    expect(lead(headers, ['Mr.', 'John', '+12125550100'])).toMatchObject({ title: null });
    expect(lead(headers, ['Dr', 'Ann', '+12125550100'])).toMatchObject({ title: null });
    expect(lead(headers, ['VP, Sales', 'Ann', '+12125550100'])).toMatchObject({ title: 'VP, Sales' });
  });

  it('splits a full-name-only column into first and last name, and drops a demo suffix', () => {
    expect(lead(['Person - Name', 'Person - Phone - Work'], ['Ada King Lovelace', '+12125550100'])).toMatchObject({ firstName: 'Ada', lastName: 'King Lovelace' });
    expect(lead(['First Name', 'Last Name', 'Phone'], ['Maria', 'Johnson (Sample Contact)', '+12125550100'])).toMatchObject({ lastName: 'Johnson' });
  });

  it('keeps every number of a Google Contacts row with the kind its type cell says, and no fax or pager', () => {
    const headers = ['Name', 'Phone 1 - Type', 'Phone 1 - Value', 'Phone 2 - Type', 'Phone 2 - Value', 'Phone 3 - Type', 'Phone 3 - Value', 'Phone 4 - Type', 'Phone 4 - Value'];
    const row = ['Ann Lee', 'Work Fax', '+1 212 555 0199', '* Mobile', '+1 212 555 0101', 'Pager', '+1 212 555 0198', 'Home', '+1 212 555 0102'];
    expect(lead(headers, row).phones).toEqual([
      { raw: '+1 212 555 0101', e164: '+12125550101', type: 'mobile', bad: false },
      { raw: '+1 212 555 0102', e164: '+12125550102', type: 'home', bad: false },
    ]);
  });
});
