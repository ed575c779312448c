import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../../helpers/test-core.ts';

/**
 * The corpus: twelve real CRM and contact exports (test/fixtures/crm-exports/README.md says where
 * each comes from), each imported through the CLI as a new team lead would, with what that team
 * lead should see written down per file: leads created, numbers in E.164, zones, rejects and why.
 */
const CLI = fileURLToPath(new URL('../../../main/cli/index.ts', import.meta.url));
const CORPUS = fileURLToPath(new URL('../../fixtures/crm-exports/', import.meta.url));

interface ExportedLead {
  firstName: string;
  lastName: string;
  email: string | null;
  title: string | null;
  company: string | null;
  timeZone: string | null;
  phones: { raw: string; e164: string | null; type: string }[];
}

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Imports one corpus file into a fresh store; the report, and the leads the store then holds. */
function importCorpusFile(file: string, defaultCountry = 'US') {
  const dataDir = tempDir();
  const run = cli('import', `${CORPUS}${file}`, '--data-dir', dataDir, '--default-country', defaultCountry);
  if (run.code !== 0) return { refused: run.stderr, report: null, leads: [] as ExportedLead[] };
  const exported = JSON.parse(cli('export', 'leads', '--format', 'json', '--data-dir', dataDir).stdout) as { leads: ExportedLead[] };
  return { refused: null, report: JSON.parse(run.stdout), leads: exported.leads };
}

const byName = (leads: ExportedLead[], first: string) => leads.find((l) => l.firstName === first);

describe('the CRM export corpus, imported through the CLI with --default-country US', () => {
  it('covers every file of the corpus', () => {
    expect(readdirSync(CORPUS).filter((f) => f.endsWith('.csv'))).toHaveLength(12);
  });

  it('1. Salesforce leads (Excel re-saved): 22 leads; US numbers and the Taiwanese and French ones written without "+"', () => {
    const { report, leads } = importCorpusFile('salesforce-lead__earthfink1982_salesforce-in-powerbi__data_Lead.csv');
    expect(report).toMatchObject({ rowsRead: 22, created: 22, rejected: [] });
    expect(byName(leads, 'Bertha')).toMatchObject({ lastName: 'Boxer', title: 'Director of Vendor Relations', timeZone: 'America/New_York', phones: [{ e164: '+18506444200', type: 'work' }] });
    expect(byName(leads, 'Jeff')).toMatchObject({ timeZone: 'Asia/Taipei', phones: [{ raw: '886-2-25474189', e164: '+886225474189' }] });
    expect(byName(leads, 'Pat')).toMatchObject({ timeZone: 'Europe/Paris', phones: [{ raw: '33562156600', e164: '+33562156600' }] });
    // "(033) 452-1299" is no number in any country: kept as written and flagged, never guessed.
    expect(byName(leads, 'David')).toMatchObject({ timeZone: null, phones: [{ raw: '(033) 452-1299', e164: null }] });
  });

  it('2. Salesforce all-fields export with a BOM: 60 leads, each with its Phone and its custom Home_Phone__c', () => {
    const { report, leads } = importCorpusFile('salesforce-lead-bom__SFDC-Assets_data-cloud-workshop__data_Lead.csv');
    expect(report).toMatchObject({ encoding: 'utf-8', rowsRead: 60, created: 60, rejected: [] });
    expect(leads.every((l) => l.phones.length === 2 && l.phones[0]!.type === 'work' && l.phones[1]!.type === 'home')).toBe(true);
    // Faker's ten digits are mostly not valid US numbers: flagged, never read as a foreign country's.
    expect(leads.flatMap((l) => l.phones).filter((p) => p.e164 && !p.e164.startsWith('+1'))).toEqual([]);
    expect(byName(leads, 'Leslie')).toMatchObject({ lastName: 'Castillo', phones: [{ e164: '+14753089392' }, { e164: '+12025058073' }] });
  });

  it('3. Salesforce data set via Prodly: "#N/A" is empty, and four people sharing info@salesforce.com stay four leads', () => {
    const { report, leads } = importCorpusFile('salesforce-lead-prodly-na__jjoannow_special-characters--1718-__Lead.csv');
    expect(report).toMatchObject({ rowsRead: 4, created: 4, merged: 0, rejected: [] });
    expect(leads.map((l) => `${l.firstName} ${l.lastName}`).sort()).toEqual(['Andy Smith', 'Jim Steele', 'John Gardner', 'Sarah Loehr']);
    expect(leads.every((l) => l.email === 'info@salesforce.com' && l.phones[0]!.e164 === null)).toBe(true);
    // (555) 555-1212 is fiction: the zone comes from the state ("Connecticut"), not the number.
    expect(byName(leads, 'Andy')).toMatchObject({ timeZone: 'America/New_York' });
    expect(JSON.stringify(leads)).not.toContain('#N/A');
  });

  it('4. HubSpot contacts (Indonesian mobiles without +62): read right once the team lead says the country', () => {
    const { report, leads } = importCorpusFile('hubspot-contacts__emrearmand_crm-dummy-data-hubspot__hubspot-crm-exports-all-customers-2025-04-08.csv', 'ID');
    expect(report).toMatchObject({ rowsRead: 6, created: 6, rejected: [] });
    expect(byName(leads, 'Ayu')).toMatchObject({ timeZone: 'Asia/Jakarta', phones: [{ raw: '82112345678', e164: '+6282112345678' }] });
    // HubSpot's seeded demo records: the "(Sample Contact)" mark is not part of anyone's name.
    expect(byName(leads, 'Brian')).toMatchObject({ lastName: 'Halligan' });
  });

  it('5. Google Contacts (legacy CSV): typed "Phone N - Value" slots, fax and pager left out', () => {
    const { report, leads } = importCorpusFile('google-contacts-legacy__roundcube_roundcubemail__tests_src_Csv2vcard_gmail.csv');
    expect(report).toMatchObject({ rowsRead: 1, created: 1, rejected: [] });
    // The fixture's "numbers" are words (mainphone, homephone…): kept as written, flagged.
    expect(leads[0]).toMatchObject({ firstName: 'Firstname', lastName: 'Lastname', email: 'home@aaa.pl' });
    expect(leads[0]!.phones.map((p) => [p.raw, p.type])).toEqual([
      ['mainphone', 'work'],
      ['homephone', 'home'],
      ['mobile', 'mobile'],
      ['workphone', 'work'],
    ]);
  });

  it('6. Outlook contacts: Business Phone and Mobile Phone, each with its kind', () => {
    const { report, leads } = importCorpusFile('outlook-contacts__horde_Data__test_fixtures_getcsv_bug_6311.csv');
    expect(report).toMatchObject({ rowsRead: 1, created: 1, rejected: [] });
    // Area code 123 does not exist: both numbers are flagged, with their kinds.
    expect(leads[0]).toMatchObject({
      firstName: 'John',
      lastName: 'Smith',
      email: 'john@example.com',
      company: 'International Inc',
      phones: [
        { raw: '(123) 555-2222', e164: null, type: 'work' },
        { raw: '(123) 555-3333', e164: null, type: 'mobile' },
      ],
    });
  });

  it('7. Outlook contact with only an address: rejected as having no phone number', () => {
    const { report, leads } = importCorpusFile('outlook-contacts-quoted-address__horde_Data__test_fixtures_getcsv_bug_6370.csv');
    expect(report).toMatchObject({ rowsRead: 1, created: 0, rejected: [{ line: 3, reason: 'no phone number' }] });
    expect(leads).toEqual([]);
  });

  it('8. OroCRM lead export: "Phones 1 Phone" and "Phones 2 Phone", the state as US-NY, the deal title no name', () => {
    const { report, leads } = importCorpusFile('orocrm-lead-export-template__oroinc_crm__SalesBundle_lead_export_template.csv');
    expect(report).toMatchObject({ rowsRead: 1, created: 1, rejected: [] });
    expect(leads[0]).toMatchObject({
      firstName: 'Jerry',
      lastName: 'Coleman',
      title: 'Manager',
      timeZone: 'America/New_York',
      phones: [{ e164: '+15852551127' }, { e164: '+19782421314' }],
    });
    expect(JSON.stringify(leads[0])).not.toContain('Oro Inc. Lead Name');
  });

  it('9. LinkedIn connections: the preamble is skipped, and the file, which has no phones, is refused in words', () => {
    const { refused } = importCorpusFile('linkedin-connections__AbhiramJayasankar_six-hops__tests_fixtures_Connections.csv');
    expect(refused).toMatch(/has no phone column\. Name one of the columns "Phone Number", "Phone".*Nothing was imported/);
    const preview = JSON.parse(cli('preview', `${CORPUS}linkedin-connections__AbhiramJayasankar_six-hops__tests_fixtures_Connections.csv`, '--data-dir', tempDir()).stdout);
    expect(preview.headers).toEqual(['First Name', 'Last Name', 'URL', 'Email Address', 'Company', 'Position', 'Connected On']);
  });

  it('10. Thunderbird, semicolon-separated, no phones: refused in words', () => {
    const { refused } = importCorpusFile('thunderbird-semicolon__mozilla_releases-comm-central__mailnews_import_test_unit_resources_csv_semicolon.csv');
    expect(refused).toMatch(/has no phone column.*Nothing was imported/);
  });

  it('11. Thunderbird in Shift_JIS: read as Shift_JIS, the Japanese name intact, the empty-phone row rejected', () => {
    const file = 'thunderbird-shiftjis__mozilla-comm-central-via-hechengjin_ExMail__shiftjis_addressbook.csv';
    const { report } = importCorpusFile(file);
    expect(report).toMatchObject({ encoding: 'shift_jis', rowsRead: 1, created: 0, rejected: [{ line: 2, reason: 'no phone number' }] });
    const preview = JSON.parse(cli('preview', `${CORPUS}${file}`, '--data-dir', tempDir()).stdout);
    expect(preview.sample[0].slice(0, 5)).toEqual(['権兵衛', '名無し', '名無しの権兵衛', '', '名無しの権兵衛@host.invalid']);
    expect(preview.mapping).toMatchObject({ firstName: 'First Name', phone: 'Work Phone', mobilePhone: 'Mobile Number' });
  });

  it('12. Thunderbird in UTF-16LE with a mark: read as UTF-16, the empty-phone row rejected', () => {
    const { report } = importCorpusFile('thunderbird-utf16le-bom__mozilla-comm-central-via-hechengjin_ExMail__utf16_addressbook.csv');
    expect(report).toMatchObject({ encoding: 'utf-16le', rowsRead: 1, created: 0, rejected: [{ line: 2, reason: 'no phone number' }] });
  });
});
