import { csvLine } from '../csv/csv-write.ts';
import { DAY_MS, MINUTE_MS } from '../../shared/time-units.ts';

/** How many leads "Load demo list" makes (and the CLI's demo-list, unless told). */
export const DEMO_LIST_SIZE = 300;

/**
 * A realistic call list, shaped like a HubSpot contact export, made from a seed so the same
 * call gives the same file. Every number is in a range reserved for fiction (North America's
 * 555-01xx, Ofcom's drama numbers, France's 01 99 00), so no demo lead can ring a real person.
 * Lists larger than those ranges (for benchmarks) continue in 555-xxxx.
 */
export interface DemoListOptions {
  count: number;
  seed?: number;
  /** Create and conversion dates fall in the 60 days before this instant. */
  now: number;
}

const HEADERS = [
  'Record ID',
  'First Name',
  'Last Name',
  'Email',
  'Phone Number',
  'Mobile Phone Number',
  'Company Name',
  'Job Title',
  'Lifecycle Stage',
  'Original Source',
  'Time Zone',
  'HubSpot Score',
  'Create Date',
  'First Conversion',
  'First Conversion Date',
  'Recent Conversion',
  'Recent Conversion Date',
  'Last Page Seen',
  'Do Not Call',
];

/** Ofcom's numbers for drama (each followed by 0000-0999) and ARCEP's for fiction (xx xx). */
const UK_DRAMA = ['+44 20 7946', '+44 113 496', '+44 114 496', '+44 116 496', '+44 117 496', '+44 118 496', '+44 121 496', '+44 131 496', '+44 141 496', '+44 151 496', '+44 161 496'];
const FR_FICTION = ['+33 1 99 00', '+33 2 61 91', '+33 3 53 01', '+33 4 65 71', '+33 5 36 49'];
const pick = (prefixes: readonly string[], k: number): string => prefixes[k % prefixes.length]!;

interface Region {
  country: string;
  zone: string;
  number(k: number): string;
  /** A second, mobile number, for some leads. */
  mobile?(k: number): string;
}

// 555-0100 to 0149 for work numbers, 0150 to 0199 for mobiles, then 555-0200 onwards.
const nanp = (area: string, zone: string): Region => ({
  country: 'US',
  zone,
  number: (k) => `+1 ${area} 555 ${String(k < 50 ? 100 + k : 200 + ((k - 50) % 9800)).padStart(4, '0')}`,
  mobile: (k) => (k < 50 ? `(${area}) 555-${String(150 + k).padStart(4, '0')}` : ''),
});

const REGIONS: readonly Region[] = [
  nanp('212', 'America/New_York'),
  nanp('617', 'America/New_York'),
  nanp('305', 'America/New_York'),
  nanp('404', 'America/New_York'),
  nanp('312', 'America/Chicago'),
  nanp('214', 'America/Chicago'),
  nanp('405', 'America/Chicago'),
  nanp('303', 'America/Denver'),
  nanp('602', 'America/Phoenix'),
  nanp('415', 'America/Los_Angeles'),
  nanp('206', 'America/Los_Angeles'),
  nanp('702', 'America/Los_Angeles'),
  { ...nanp('416', 'America/Toronto'), country: 'CA' },
  { ...nanp('604', 'America/Vancouver'), country: 'CA' },
  { country: 'GB', zone: 'Europe/London', number: (k) => `${pick(UK_DRAMA, Math.floor(k / 1000))} ${String(k % 1000).padStart(4, '0')}` },
  { country: 'FR', zone: 'Europe/Paris', number: (k) => `${pick(FR_FICTION, Math.floor(k / 10_000))} ${String(Math.floor(k / 100) % 100).padStart(2, '0')} ${String(k % 100).padStart(2, '0')}` },
];

const FIRST = ['Olivia', 'Liam', 'Emma', 'Noah', 'Ava', 'Elijah', 'Sophia', 'Mateo', 'Isabella', 'Lucas', 'Mia', 'Amir', 'Chloé', 'Hugo', 'Priya', 'Kenji', 'Fatima', 'Diego', 'Hannah', 'Tomás', 'Grace', 'Wei', 'Nora', 'Sam'];
const LAST = ['Johnson', 'Garcia', 'Nguyen', 'Patel', 'Martin', 'Dubois', 'Okafor', 'Kowalski', 'Rossi', 'Smith', 'Khan', 'Andersson', 'Murphy', 'Silva', "O'Brien", 'Lefèvre', 'Tanaka', 'Müller', 'Haddad', 'Cohen'];
const COMPANIES = ['Northwind Logistics', 'Acme Robotics', 'Bluebird Health', 'Granite Insurance', 'Helios Solar', 'Juniper Retail', 'Keystone Foods', 'Lumen Analytics', 'Maple & Co', 'Orbit Telecom', 'Pioneer Freight', 'Quartz Legal', 'Redwood Schools', 'Summit Dental', 'Tidewater Marine'];
const TITLES = ['Head of Sales', 'VP Marketing', 'Operations Manager', 'Founder', 'IT Director', 'Sales Development Manager', 'CFO', 'Customer Success Lead', 'Office Manager', 'Revenue Operations Analyst'];
const STAGES = [
  ['other', 15],
  ['subscriber', 15],
  ['lead', 25],
  ['marketingqualifiedlead', 30],
  ['salesqualifiedlead', 5],
  ['', 10],
] as const;
const SOURCES = [
  ['Organic Search', 25],
  ['Paid Search', 15],
  ['Referrals', 10],
  ['Offline Sources', 10],
  ['Email Marketing', 10],
  ['Purchased list', 20],
  ['Webinar', 10],
] as const;
const CONTENT = [
  'Ebook: The 2026 Guide to Outbound Prospecting',
  'Webinar: Qualifying leads with BANT',
  'Checklist: 10 questions before you buy a dialer',
  'Report: Speed to lead benchmarks',
  'Template: Cold call opener scripts',
];
const INTENT = ['Pricing page', 'Product tour video'];
const HAND_RAISE = ['Contact sales', 'Request a demo'];
const PAGES = ['https://www.example.com/pricing', 'https://www.example.com/product/dialer', 'https://www.example.com/blog/speed-to-lead', 'https://www.example.com/customers'];

export function demoLeadsCsv({ count, seed = 2026, now }: DemoListOptions): string {
  const random = mulberry32(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
  const weighted = <T>(items: readonly (readonly [T, number])[]): T => {
    let roll = random() * items.reduce((sum, [, w]) => sum + w, 0);
    for (const [item, weight] of items) if ((roll -= weight) < 0) return item;
    return items[0]![0];
  };
  const date = (ms: number): string => new Date(ms).toISOString().slice(0, 16).replace('T', ' ');

  const lines = [csvLine(HEADERS)];
  for (let i = 0; i < count; i++) {
    const region = REGIONS[i % REGIONS.length]!;
    const k = Math.floor(i / REGIONS.length);
    const first = pick(FIRST);
    const last = pick(LAST);
    const company = pick(COMPANIES);
    const created = now - Math.floor(random() * 60 * DAY_MS);
    const firstConversion = random() < 0.75 ? pick(CONTENT) : '';
    const firstAt = created + Math.floor(random() * DAY_MS);
    const roll = random();
    const recentConversion = roll < 0.08 ? pick(HAND_RAISE) : roll < 0.35 ? pick(INTENT) : roll < 0.6 ? pick(CONTENT) : '';
    const recentAt = Math.min(now - MINUTE_MS, firstAt + Math.floor(random() * 20 * DAY_MS));
    // A few numbers are typed the way people type them into forms, and a few are broken.
    const phone = random() < 0.02 ? `555-01${String(i % 100).padStart(2, '0')}` : region.number(k);
    const mobile = random() < 0.15 ? (region.mobile?.(k) ?? '') : '';

    lines.push(
      csvLine([
        String(100_000 + i),
        first,
        last,
        `${first}.${last}`.toLowerCase().normalize('NFD').replace(/[^a-z.]/g, '') + `${i}@${company.toLowerCase().replace(/[^a-z]/g, '')}.example`,
        phone,
        mobile,
        company,
        pick(TITLES),
        weighted(STAGES),
        weighted(SOURCES),
        random() < 0.85 ? region.zone : '',
        Math.floor(random() * 100),
        date(created),
        firstConversion,
        firstConversion ? date(firstAt) : '',
        recentConversion,
        recentConversion ? date(recentAt) : '',
        random() < 0.5 ? pick(PAGES) : '',
        random() < 0.02 ? 'true' : '',
      ]),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** A small, fast, seedable PRNG (public domain), so demo lists are reproducible. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
