import { useEffect, type ReactNode } from 'react';
import type { AccountView } from '../../../shared/lead-context.ts';
import type { Lead } from '../../../shared/leads.ts';
import { STAGE_LABELS } from '../../../shared/stages.ts';
import { useApp } from '../store/store-context.tsx';

/**
 * The lead, with the other people at its company beneath it: good reps work accounts, not only
 * names. Wraps the call screen's lead panel so the account sits in the lead's column.
 */
export function LeadWithAccount({ lead, children }: { lead: Lead; children: ReactNode }) {
  const account = useApp((s) => s.account);
  const loadAccount = useApp((s) => s.loadAccount);
  const subscribe = useApp((s) => s.subscribe);
  useEffect(() => {
    void loadAccount(lead.id);
  }, [lead.id, lead.company, loadAccount]);
  // A colleague called from another window, or an import: the account's outcomes follow.
  useEffect(() => subscribe('store.changed', () => void loadAccount(lead.id)), [subscribe, loadAccount, lead.id]);
  const view = account?.leadId === lead.id ? account.view : null;
  return (
    <div className="lead-column">
      {children}
      {view && view.company && (
        <section className="panel account-panel" aria-label={`Others at ${view.company}`} data-testid="account-panel">
          <h2>
            Others at {view.company} <span className="muted">· {view.members.length + view.more}</span>
          </h2>
          <AccountList account={view} />
        </section>
      )}
    </div>
  );
}

/** Who else is at the company: stage, the last call's outcome, and who made it. */
export function AccountList({ account, onOpen }: { account: AccountView; onOpen?(leadId: number): void }) {
  if (!account.company) return <p className="muted">No company on this lead.</p>;
  if (account.members.length === 0) return <p className="muted">Nobody else from {account.company} is in the store.</p>;
  return (
    <ul className="account-members">
      {account.members.map((m) => (
        <li key={m.leadId}>
          {onOpen ? (
            <button type="button" className="link" onClick={() => onOpen(m.leadId)}>
              {m.name || 'Unnamed lead'}
            </button>
          ) : (
            <strong>{m.name || 'Unnamed lead'}</strong>
          )}
          {m.title && <span className="muted"> · {m.title}</span>} <span className={`stage stage-${m.stage}`}>{STAGE_LABELS[m.stage]}</span>
          {m.doNotCall && <span className="tag warn">Do not call</span>}
          <div className="muted account-last">
            {m.lastCall
              ? `${m.lastCall.dispositionLabel} · ${new Date(m.lastCall.at).toLocaleDateString(undefined, { month: 'short', day: 'numeric' })}${m.lastCall.rep ? ` · ${m.lastCall.rep}` : ''}`
              : 'Never called'}
          </div>
        </li>
      ))}
      {account.more > 0 && <li className="muted">and {account.more} more</li>}
    </ul>
  );
}
