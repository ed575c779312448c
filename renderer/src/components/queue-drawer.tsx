import { useEffect, useState } from 'react';
import type { QueuePreview } from '../../../shared/leads.ts';
import { useApp } from '../store/store-context.tsx';

const TIER_LABELS: Record<string, string> = {
  callback: 'Callbacks due',
  'hand-raiser': 'Hand-raisers and new inbound',
  retry: 'Retries due',
  'never-called': 'Never called',
  rest: 'The rest',
};

/** The next leads in the order the queue will offer them, and how many wait in each tier. */
export function QueueDrawer({ onClose }: { onClose(): void }) {
  const preview = useApp((s) => s.previewQueue);
  const [data, setData] = useState<QueuePreview | null>(null);
  useEffect(() => {
    let live = true;
    void preview().then((result) => {
      if (live) setData(result);
    });
    return () => {
      live = false;
    };
  }, [preview]);

  return (
    <aside className="drawer" aria-label="Next leads">
      <div className="drawer-head">
        <h2>Next leads</h2>
        <button type="button" className="link" onClick={onClose}>
          Close <kbd>Q</kbd>
        </button>
      </div>
      {!data ? (
        <p className="muted">Loading…</p>
      ) : (
        <>
          <p className="muted">
            {Object.entries(data.waitingByTier)
              .filter(([, n]) => n > 0)
              .map(([tier, n]) => `${TIER_LABELS[tier]}: ${n.toLocaleString()}`)
              .join(' · ') || 'Nothing waits now.'}
          </p>
          <ol className="drawer-list">
            {data.next.map((lead) => (
              <li key={lead.leadId}>
                <strong>{lead.name || 'Unnamed lead'}</strong>
                {lead.company ? <span className="muted"> · {lead.company}</span> : null}
                <div className="muted">{lead.reasons.join(' · ')}</div>
              </li>
            ))}
          </ol>
        </>
      )}
    </aside>
  );
}
