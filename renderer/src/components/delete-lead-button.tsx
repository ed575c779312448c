import { useState } from 'react';
import { messageOf } from '../store/error-message.ts';
import { selectMay } from '../store/console-state.ts';
import { useApi, useApp } from '../store/store-context.tsx';

/**
 * Deletes a lead for good (an erasure request, a lead that should never have been imported),
 * after a second click that says what goes with it: calls, notes and recorded calls.
 */
export function DeleteLeadButton({ leadId, name, onDeleted }: { leadId: number; name: string; onDeleted(): void }) {
  const call = useApi();
  const showNotice = useApp((s) => s.showNotice);
  const refreshQueue = useApp((s) => s.refreshQueue);
  const searchLeads = useApp((s) => s.searchLeads);
  const query = useApp((s) => s.search?.query);
  const [asking, setAsking] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const mayDelete = useApp(selectMay('leads.delete'));
  if (!mayDelete) return null;
  if (!asking) {
    return (
      <button type="button" className="secondary danger" onClick={() => setAsking(true)}>
        Delete lead…
      </button>
    );
  }
  const erase = async () => {
    try {
      await call('leads.delete', { leadId });
      showNotice({ kind: 'info', text: `${name} deleted, with the calls, notes and recordings kept about them.` });
      void refreshQueue();
      onDeleted();
      // The results it was opened from no longer hold it.
      if (query) void searchLeads(query);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <span className="delete-lead" role="group" aria-label="Delete this lead">
      <span>Delete {name} and every call, note and recording kept about them? This cannot be undone.</span>
      <button type="button" className="danger" onClick={() => void erase()}>
        Delete for good
      </button>
      <button type="button" className="secondary" onClick={() => setAsking(false)}>
        Keep
      </button>
      {error && <span role="alert">{error}</span>}
    </span>
  );
}
