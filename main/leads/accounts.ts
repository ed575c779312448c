import type { AccountView } from '../../shared/lead-context.ts';
import { fullName } from '../../shared/leads.ts';
import type { Stage } from '../../shared/stages.ts';
import type { Database } from '../store/database.ts';

/** The most colleagues an account view lists; the rest are counted. */
const MEMBERS_SHOWN = 30;

/**
 * The other people at a lead's company (same company name, any case): who they are, where they
 * stand, how the last call with each went and who made it. Good reps work accounts: the CFO's
 * "not now" last week changes how you open with the VP today.
 */
export function accountOf(db: Database, leadId: number): AccountView {
  const lead = db.prepare('SELECT company FROM leads WHERE id = ?').get(leadId) as { company: string | null } | undefined;
  const company = lead?.company?.trim() || null;
  if (!company) return { company: null, members: [], more: 0 };
  const rows = db
    .prepare(
      `SELECT l.id, l.first_name, l.last_name, l.title, l.stage, l.do_not_call,
              c.started_at, c.disposition_label, c.rep
       FROM leads l
       LEFT JOIN calls c ON c.id = (SELECT id FROM calls WHERE lead_id = l.id ORDER BY started_at DESC, id DESC LIMIT 1)
       WHERE l.company = ? COLLATE NOCASE AND l.company IS NOT NULL AND l.id <> ?
       ORDER BY c.started_at IS NULL, c.started_at DESC, l.id
       LIMIT ?`,
    )
    .all(company, leadId, MEMBERS_SHOWN + 1) as {
    id: number;
    first_name: string;
    last_name: string;
    title: string | null;
    stage: Stage;
    do_not_call: number;
    started_at: number | null;
    disposition_label: string | null;
    rep: string | null;
  }[];
  const total = (
    db.prepare('SELECT count(*) AS n FROM leads WHERE company = ? COLLATE NOCASE AND company IS NOT NULL AND id <> ?').get(company, leadId) as { n: number }
  ).n;
  return {
    company,
    members: rows.slice(0, MEMBERS_SHOWN).map((r) => ({
      leadId: r.id,
      name: fullName({ firstName: r.first_name, lastName: r.last_name }),
      title: r.title,
      stage: r.stage,
      doNotCall: r.do_not_call === 1,
      lastCall: r.started_at === null ? null : { at: new Date(r.started_at).toISOString(), dispositionLabel: r.disposition_label ?? '', rep: r.rep },
    })),
    more: Math.max(0, total - MEMBERS_SHOWN),
  };
}
