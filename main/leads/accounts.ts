import type { AccountView } from '../../shared/lead-context.ts';
import { fullName } from '../../shared/leads.ts';
import type { Stage } from '../../shared/stages.ts';
import type { LeadCondition } from '../queue/list-access.ts';
import type { Queryable } from '../store/seam/store.ts';

/** The most colleagues an account view lists; the rest are counted. */
const MEMBERS_SHOWN = 30;

/**
 * The other people at a lead's company (same company name, any case): who they are, where they
 * stand, how the last call with each went and who made it. Good reps work accounts: the CFO's
 * "not now" last week changes how you open with the VP today.
 */
export async function accountOf(q: Queryable, leadId: number, access: LeadCondition | null = null): Promise<AccountView> {
  const lead = await q.one<{ company: string | null }>('SELECT company FROM leads WHERE id = ?', [leadId]);
  const company = lead?.company?.trim() || null;
  if (!company) return { company: null, members: [], more: 0 };
  // On a team a rep sees the colleagues their lists offer them (list-access.ts), as Find lead does.
  const reachable = access ? ` AND l.id IN (SELECT leads.id FROM leads WHERE ${access.where})` : '';
  const sameCompany = `${q.dialect.sameTextAs('l.company')}${reachable}`;
  const rows = await q.all<{
    id: number;
    first_name: string;
    last_name: string;
    title: string | null;
    stage: Stage;
    do_not_call: number;
    started_at: number | null;
    disposition_label: string | null;
    rep: string | null;
  }>(
    `SELECT l.id, l.first_name, l.last_name, l.title, l.stage, l.do_not_call,
              c.started_at, c.disposition_label, c.rep
       FROM leads l
       LEFT JOIN calls c ON c.id = (SELECT id FROM calls WHERE lead_id = l.id ORDER BY started_at DESC, id DESC LIMIT 1)
       WHERE ${sameCompany} AND l.company IS NOT NULL AND l.id <> ?
       ORDER BY c.started_at IS NULL, c.started_at DESC, l.id
       LIMIT ?`,
    [company, ...(access?.params ?? []), leadId, MEMBERS_SHOWN + 1],
  );
  const { n: total } = (await q.one<{ n: number }>(`SELECT count(*) AS n FROM leads l WHERE ${sameCompany} AND l.company IS NOT NULL AND l.id <> ?`, [company, ...(access?.params ?? []), leadId]))!;
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
