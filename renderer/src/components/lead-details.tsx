import { useState } from 'react';
import { fullName, type WhyNot } from '../../../shared/leads.ts';
import { STAGE_LABELS } from '../../../shared/stages.ts';
import type { OpenedLead } from '../store/lead-context-slice.ts';
import { useApp } from '../store/store-context.tsx';
import { AccountList } from './account-panel.tsx';
import { LeadEditForm } from './lead-edit-form.tsx';
import { DeleteLeadButton } from './delete-lead-button.tsx';
import { RecordingPlayer, useRecordingsOf } from '../phone/call-recording.tsx';

/** The rep's own zone: why-not times are read in the lead's clock and in this one. */
const repZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Writes an instant in a zone the way a rep reads a callback time: "Mon 9:00 AM". */
export function timeIn(at: string, zone: string | null): string {
  try {
    return new Intl.DateTimeFormat('en-US', { timeZone: zone ?? undefined, weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(Date.parse(at));
  } catch {
    return new Date(at).toISOString();
  }
}

/** A lead found by the search: who, where it stands, its whole history, its account; edit it or ask why the queue holds it. */
export function LeadDetails({ opened, onBack }: { opened: OpenedLead; onBack(): void }) {
  const { card, edits, account, whyNot } = opened;
  const { lead } = card;
  const [editing, setEditing] = useState(false);
  const explainWhyNot = useApp((s) => s.explainWhyNot);
  const openLead = useApp((s) => s.openLead);
  const recordings = useRecordingsOf(lead.id);
  const history = [
    ...card.calls.map((c) => ({ at: c.startedAt, key: `c${c.id}`, what: `Call: ${c.dispositionLabel}`, who: c.rep, detail: [c.reason, c.notes].filter(Boolean).join(' — ') })),
    ...card.stageHistory.map((s, i) => ({ at: s.at, key: `s${i}`, what: `Stage ${s.from ? `${STAGE_LABELS[s.from]} → ` : ''}${STAGE_LABELS[s.to]}`, who: s.rep, detail: s.reason })),
    ...edits.map((e, i) => ({
      at: e.at,
      key: `e${i}`,
      what: 'Edited',
      who: e.rep,
      detail: e.changes.map((c) => `${c.field}: ${c.before ?? '—'} → ${c.after ?? '—'}`).join('; '),
    })),
  ].sort((a, b) => Date.parse(b.at) - Date.parse(a.at));

  return (
    <article className="lead-details" aria-label={`Lead ${fullName(lead)}`} data-testid="lead-details">
      <div className="search-head">
        <button type="button" className="secondary" onClick={onBack}>
          ← Results <kbd>Esc</kbd>
        </button>
        <span className="spacer" />
        {!editing && (
          <>
            <button type="button" className="secondary" onClick={() => setEditing(true)}>
              Edit lead
            </button>
            <button type="button" className="secondary" onClick={() => void explainWhyNot(lead.id)}>
              Why not now?
            </button>
            <DeleteLeadButton leadId={lead.id} name={fullName(lead) || 'this lead'} onDeleted={onBack} />
          </>
        )}
      </div>
      <h2 className="lead-name">
        {fullName(lead) || 'Unnamed lead'} <span className={`stage stage-${lead.stage}`}>{STAGE_LABELS[lead.stage]}</span>
        {lead.doNotCall && <span className="tag warn">Do not call</span>}
      </h2>
      <p className="lead-role">{[lead.title, lead.company].filter(Boolean).join(' · ') || '—'}</p>

      {editing ? (
        <LeadEditForm card={card} onDone={() => setEditing(false)} />
      ) : (
        <div className="details-columns">
          <section aria-label="Contact">
            <ul className="phones" aria-label="Phone numbers">
              {card.phones.map((p) => (
                <li key={p.id} className={p.bad || !p.e164 ? 'bad' : ''}>
                  <span className="phone-type">{p.type}</span>
                  <span className="phone-number">{p.e164 ?? p.raw}</span>
                  {p.e164 && p.raw !== p.e164 && <span className="muted">as written: {p.raw}</span>}
                  {!p.e164 && <span className="tag warn">not a valid number</span>}
                  {p.bad && p.e164 && <span className="tag warn">bad number</span>}
                </li>
              ))}
            </ul>
            <dl className="facts">
              <dt>Email</dt>
              <dd className="email">{lead.email ?? '—'}</dd>
              <dt>Time zone</dt>
              <dd>{lead.timeZone ?? 'unknown'}</dd>
              <dt>Attempts</dt>
              <dd>{lead.attempts}</dd>
            </dl>
            {whyNot && <WhyNotView whyNot={whyNot} leadZone={lead.timeZone} />}
            <h3>Account{account.company ? `: ${account.company}` : ''}</h3>
            <AccountList account={account} onOpen={(id) => void openLead(id)} />
          </section>
          <section aria-label="History">
            <h3>History</h3>
            {history.length === 0 ? (
              <p className="muted">Nothing yet: never called, never edited.</p>
            ) : (
              <ol className="lead-history" data-testid="lead-history">
                {history.map((h) => (
                  <li key={h.key}>
                    <span className="muted">{timeIn(h.at, repZone())}</span> <strong>{h.what}</strong>
                    {h.who ? <span className="muted"> · {h.who}</span> : null}
                    {h.detail && <div className="history-detail">{h.detail}</div>}
                    {h.key.startsWith('c') && recordings.has(Number(h.key.slice(1))) && <RecordingPlayer recording={recordings.get(Number(h.key.slice(1)))!} />}
                  </li>
                ))}
              </ol>
            )}
          </section>
        </div>
      )}
    </article>
  );
}

/** Each rule that holds the lead back, with when it lets go in the lead's clock and the rep's. */
export function WhyNotView({ whyNot, leadZone }: { whyNot: WhyNot; leadZone: string | null }) {
  const mine = repZone();
  const both = (at: string) =>
    leadZone && leadZone !== mine ? `${timeIn(at, leadZone)} their time (${leadZone}) · ${timeIn(at, mine)} your time` : `${timeIn(at, leadZone ?? mine)}${leadZone ? ` (${leadZone})` : ' your time'}`;
  return (
    <section className="why-not" aria-label="Why not now" data-testid="why-not">
      <h3>Why not now</h3>
      {whyNot.blockers.length === 0 ? (
        <p>Nothing holds {whyNot.name || 'this lead'} back: the queue may offer it now.</p>
      ) : (
        <ul>
          {whyNot.blockers.map((b) => (
            <li key={`${b.rule}-${b.reason}`}>
              <strong>{b.reason}</strong>
              {b.until && <div className="muted">until {both(b.until)}</div>}
            </li>
          ))}
        </ul>
      )}
      {whyNot.blockers.length > 0 && (
        <p className="muted">{whyNot.eligibleFrom ? `Offered again from ${both(whyNot.eligibleFrom)}.` : 'No time of its own: a rule holds it until something changes.'}</p>
      )}
    </section>
  );
}
