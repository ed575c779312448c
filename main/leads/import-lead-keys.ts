import type { Candidate, Candidates, LeadColumns } from './lead-merge.ts';
import type { ImportedLead } from './lead-row.ts';

/** BY_NUMBER's LIMIT (lead-merge.ts): the leads a shared number is weighed against. */
const NUMBER_CANDIDATES = 20;

/**
 * The leads an import has written, by the keys a row is matched on (CRM id, email, E.164 number),
 * kept in memory. Into a store that held no lead when the import began, every lead a lookup can
 * find is one this import made, so these answer exactly what the store's lookups would
 * (lead-merge.ts: BY_CRM_ID, BY_EMAIL the first by id, BY_NUMBER the first 20 by id), without
 * three statements a row (~300 ms of 100,000 rows; a hit reads its leads by id), and the store needs no index on emails and
 * numbers until the import is done (import-deferred-indexes.ts).
 */
export function importedLeadKeys(identityOf: (id: number) => Candidate) {
  // Ids only: a row whose keys hit reads its candidates' identity by id (most rows of a clean file hit none).
  const crmIds = new Map<string, number>();
  const emails = new Map<string, number>();
  /** A number's leads in id order, as the lookup's ORDER BY: one id for most numbers. */
  const numbers = new Map<string, number | number[]>();

  const addEmail = (email: string, id: number) => {
    const first = emails.get(email);
    if (first === undefined || first > id) emails.set(email, id);
  };
  const addNumber = (e164: string, id: number) => {
    const leads = numbers.get(e164);
    if (leads === undefined) numbers.set(e164, id);
    else if (typeof leads === 'number') {
      if (leads !== id) numbers.set(e164, leads < id ? [leads, id] : [id, leads]);
    } else if (!leads.includes(id)) {
      // A new lead's id is the highest; a completed one's may not be.
      const at = leads.findIndex((other) => other > id);
      leads.splice(at === -1 ? leads.length : at, 0, id);
    }
  };

  return {
    /** What the store's lookups would find for this row. */
    candidates(lead: ImportedLead): Candidates {
      const byNumber: Candidate[][] = [];
      for (const p of lead.phones) {
        if (!p.e164) continue;
        const leads = numbers.get(p.e164);
        byNumber.push(leads === undefined ? [] : typeof leads === 'number' ? [identityOf(leads)] : leads.slice(0, NUMBER_CANDIDATES).map(identityOf));
      }
      const email = lead.email ? emails.get(lead.email) : undefined;
      return {
        byCrmId: lead.crmId ? crmIds.get(lead.crmId) : undefined,
        byEmail: email === undefined ? undefined : identityOf(email),
        byNumber,
      };
    },
    /** A lead just inserted with the row's values and numbers. */
    created(id: number, lead: ImportedLead): void {
      if (lead.crmId) crmIds.set(lead.crmId, id);
      if (lead.email) addEmail(lead.email, id);
      for (const p of lead.phones) if (p.e164) addNumber(p.e164, id);
    },
    /** A lead this import made, completed by a later row: its columns now, and the numbers it gained. */
    completed(id: number, columns: Pick<LeadColumns, 'crm_id' | 'email'>, addedNumbers: readonly string[]): void {
      if (columns.crm_id !== null) crmIds.set(String(columns.crm_id), id);
      if (columns.email !== null) addEmail(String(columns.email), id);
      for (const e164 of addedNumbers) addNumber(e164, id);
    },
  };
}
