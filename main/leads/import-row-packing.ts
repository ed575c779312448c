import type { ImportedLead } from './lead-row.ts';
import type { ParsedRow, RowBatch } from './import-rows.ts';

/**
 * A batch of rows as it crosses from the reading thread to the writing one: every text of the
 * batch in one string, where each one ends in an Int32Array (-1 for null), and every number in a
 * Float64Array. Posted as objects, 100,000 leads took the writing thread 0.7-3.7 s to rebuild on
 * this machine (structured clone makes each field anew, with its name); one string and two
 * transferred arrays are copied whole, and each field is then a slice of the string.
 */
export interface PackedBatch {
  text: string;
  ends: Int32Array;
  numbers: Float64Array;
  rows: number;
  end: number;
}

const LEAD_TEXTS = ['crmId', 'firstName', 'lastName', 'email', 'company', 'title', 'owner', 'stage', 'source', 'timeZone', 'region', 'country', 'invalidEmail'] as const;
const PHONE_TEXTS = ['raw', 'e164', 'type'] as const;
const ACTIVITY_TEXTS = ['type', 'title', 'url', 'details'] as const;
const REJECTED = 0;
const LEAD = 1;

export function packBatch({ rows, end }: RowBatch): PackedBatch {
  const texts: string[] = [];
  const ends: number[] = [];
  const numbers: number[] = [];
  let length = 0;
  const text = (value: string | null) => {
    if (value === null) {
      ends.push(-1);
      return;
    }
    texts.push(value);
    length += value.length;
    ends.push(length);
  };
  for (const { line, lead, raw } of rows) {
    text(raw);
    if (typeof lead === 'string') {
      numbers.push(line, REJECTED);
      text(lead);
      continue;
    }
    numbers.push(line, LEAD, lead.requestedCall ? 1 : 0, lead.doNotCall ? 1 : 0, lead.score, lead.createdAt, lead.phones.length, lead.activities.length);
    for (const key of LEAD_TEXTS) text(lead[key]);
    for (const phone of lead.phones) {
      for (const key of PHONE_TEXTS) text(phone[key]);
      numbers.push(phone.bad ? 1 : 0);
    }
    for (const activity of lead.activities) {
      for (const key of ACTIVITY_TEXTS) text(activity[key]);
      numbers.push(activity.occurredAt);
    }
  }
  return { text: texts.join(''), ends: Int32Array.from(ends), numbers: Float64Array.from(numbers), rows: rows.length, end };
}

export function unpackBatch({ text: all, ends, numbers, rows: count, end }: PackedBatch): RowBatch {
  let t = 0;
  let n = 0;
  let at = 0;
  const text = (): string | null => {
    const stop = ends[t++]!;
    if (stop === -1) return null;
    const value = all.slice(at, stop);
    at = stop;
    return value;
  };
  const rows: ParsedRow[] = [];
  for (let i = 0; i < count; i++) {
    const raw = text();
    const line = numbers[n++]!;
    if (numbers[n++] === REJECTED) {
      rows.push({ line, lead: text()!, raw });
      continue;
    }
    const [requestedCall, doNotCall, score, createdAt, phoneCount, activityCount] = numbers.subarray(n, (n += 6));
    // In LEAD_TEXTS' order: an object literal's values are read in the order written.
    const lead: ImportedLead = {
      crmId: text(),
      firstName: text()!,
      lastName: text()!,
      email: text(),
      company: text(),
      title: text(),
      owner: text(),
      stage: text() as ImportedLead['stage'],
      source: text() as ImportedLead['source'],
      timeZone: text(),
      region: text(),
      country: text(),
      invalidEmail: text(),
      requestedCall: requestedCall === 1,
      doNotCall: doNotCall === 1,
      score: score!,
      createdAt: createdAt!,
      phones: [],
      activities: [],
    };
    for (let p = 0; p < phoneCount!; p++) {
      lead.phones.push({ raw: text()!, e164: text(), type: text() as ImportedLead['phones'][number]['type'], bad: numbers[n++] === 1 });
    }
    for (let a = 0; a < activityCount!; a++) {
      lead.activities.push({ type: text() as ImportedLead['activities'][number]['type'], title: text()!, url: text(), details: text(), occurredAt: numbers[n++]! });
    }
    rows.push({ line, lead, raw });
  }
  return { rows, end };
}
