import { describe, expect, it } from 'vitest';
import { mappingOf, phoneSlots, resolveColumns } from '../../../main/leads/column-aliases.ts';

/** The mapping a header row gets, as headers: what the wizard shows the team lead. */
const mapped = (headers: string[]) => {
  const mapping = mappingOf(headers, resolveColumns(headers));
  return Object.fromEntries(Object.entries(mapping).filter(([, header]) => header !== null));
};
/** Every column of numbers a lead keeps, as [header, kind]. */
const numbers = (headers: string[]) => phoneSlots(headers, resolveColumns(headers)).map((slot) => [headers[slot.index], slot.type]);

describe('column aliases, vendor by vendor', () => {
  it('Salesforce: API names, and Data Loader\'s UPPERCASE quoted headers', () => {
    expect(mapped(['Id', 'LastName', 'FirstName', 'Salutation', 'Title', 'Company', 'Phone', 'MobilePhone', 'Email', 'LeadSource', 'Status'])).toEqual({
      crmId: 'Id',
      firstName: 'FirstName',
      lastName: 'LastName',
      title: 'Title',
      company: 'Company',
      phone: 'Phone',
      mobilePhone: 'MobilePhone',
      email: 'Email',
      source: 'LeadSource',
      leadStatus: 'Status',
    });
    expect(mapped(['ID', 'FIRSTNAME', 'LASTNAME', 'PHONE'])).toEqual({ crmId: 'ID', firstName: 'FIRSTNAME', lastName: 'LASTNAME', phone: 'PHONE' });
    expect(numbers(['Id', 'Phone', 'Home_Phone__c'])).toEqual([
      ['Phone', 'other'],
      ['Home_Phone__c', 'home'],
    ]);
  });

  it('HubSpot: "Phone Number", "Record ID", "Lead Status"', () => {
    expect(mapped(['Record ID', 'First Name', 'Last Name', 'Email', 'Phone Number', 'Lead Status', 'Create Date'])).toMatchObject({
      crmId: 'Record ID',
      phone: 'Phone Number',
      leadStatus: 'Lead Status',
      createdAt: 'Create Date',
    });
  });

  it('Outlook: "Job Title" is the job title, not the honorific "Title"; Business, Home and Company Main phones; no fax', () => {
    const headers = ['Title', 'First Name', 'Last Name', 'Job Title', 'Business Fax', 'Business Phone', 'Company Main Phone', 'Home Phone', 'Mobile Phone', 'Pager', 'E-mail Address'];
    expect(mapped(headers)).toMatchObject({ title: 'Job Title', phone: 'Business Phone', mobilePhone: 'Mobile Phone', email: 'E-mail Address' });
    expect(numbers(headers)).toEqual([
      ['Business Phone', 'work'],
      ['Company Main Phone', 'work'],
      ['Home Phone', 'home'],
      ['Mobile Phone', 'mobile'],
    ]);
  });

  it('Google Contacts: "Phone 1 - Value" slots read their kind from "Phone 1 - Type"', () => {
    const headers = ['Name', 'Given Name', 'Family Name', 'E-mail 1 - Type', 'E-mail 1 - Value', 'Phone 1 - Type', 'Phone 1 - Value', 'Phone 2 - Type', 'Phone 2 - Value'];
    expect(mapped(headers)).toMatchObject({ firstName: 'Given Name', lastName: 'Family Name', fullName: 'Name', email: 'E-mail 1 - Value', phone: 'Phone 1 - Value' });
    expect(phoneSlots(headers, resolveColumns(headers))).toEqual([
      { index: 6, type: 'other', typeIndex: 5 },
      { index: 8, type: 'other', typeIndex: 7 },
    ]);
  });

  it('OroCRM: "Phones 1 Phone", "Emails 1 Email"; "Lead name" is a deal title, never a person\'s name', () => {
    const headers = ['Lead name', 'First name', 'Last name', 'Emails 1 Email', 'Phones 1 Phone', 'Phones 2 Phone', 'Address 1 State Combined code', 'Address 1 Country ISO2 code'];
    expect(mapped(headers)).toEqual({
      firstName: 'First name',
      lastName: 'Last name',
      email: 'Emails 1 Email',
      phone: 'Phones 1 Phone',
      region: 'Address 1 State Combined code',
      country: 'Address 1 Country ISO2 code',
    });
    expect(numbers(headers).map(([header]) => header)).toEqual(['Phones 1 Phone', 'Phones 2 Phone']);
    expect(mapped(['Lead name', 'Deal - Title', 'Opportunity Name', 'Phone']).fullName).toBeUndefined();
  });

  it('Apollo: First, Work Direct, Home, Mobile, Corporate and Other Phone, each kept with its kind', () => {
    const headers = ['First Name', 'Last Name', 'Title', 'Email', 'First Phone', 'Work Direct Phone', 'Home Phone', 'Mobile Phone', 'Corporate Phone', 'Other Phone', 'Apollo Contact Id'];
    expect(mapped(headers)).toMatchObject({ title: 'Title', phone: 'First Phone', mobilePhone: 'Mobile Phone', crmId: 'Apollo Contact Id' });
    expect(numbers(headers)).toEqual([
      ['First Phone', 'work'],
      ['Work Direct Phone', 'work'],
      ['Home Phone', 'home'],
      ['Mobile Phone', 'mobile'],
      ['Corporate Phone', 'work'],
      ['Other Phone', 'other'],
    ]);
  });

  it('Pipedrive: "Person - Name" is the full name; "Person - Phone - Work" and "- Mobile" are numbers', () => {
    const headers = ['Person - Name', 'Person - Email - Work', 'Person - Phone - Work', 'Person - Phone - Mobile', 'Deal - Title'];
    expect(mapped(headers)).toMatchObject({ fullName: 'Person - Name', phone: 'Person - Phone - Work' });
    expect(numbers(headers)).toEqual([
      ['Person - Phone - Work', 'work'],
      ['Person - Phone - Mobile', 'mobile'],
    ]);
  });

  it('Thunderbird: "Display Name", "Primary Email", "Work Phone", "Mobile Number"', () => {
    expect(mapped(['Display Name', 'Primary Email', 'Work Phone', 'Home Phone', 'Fax Number', 'Pager Number', 'Mobile Number'])).toEqual({
      fullName: 'Display Name',
      email: 'Primary Email',
      phone: 'Work Phone',
      mobilePhone: 'Mobile Number',
    });
  });

  it('CiviCRM-style sheets: a duplicate header keeps its first column, a trailing space is no other header', () => {
    expect(mapped(['First Name', 'Last Name ', 'Last Name', 'Primary Phone'])).toEqual({ firstName: 'First Name', lastName: 'Last Name ', phone: 'Primary Phone' });
  });

  it('Outlook in Japanese: 名, 姓, 電子メール アドレス, 携帯電話', () => {
    expect(mapped(['名', '姓', '電子メール アドレス', '携帯電話'])).toEqual({ firstName: '名', lastName: '姓', email: '電子メール アドレス', mobilePhone: '携帯電話' });
  });
});
