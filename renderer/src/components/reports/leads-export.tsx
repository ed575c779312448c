import { useEffect, useState } from 'react';
import type { CallList } from '../../../../shared/call-lists.ts';
import type { LeadExportResult } from '../../../../shared/lead-export.ts';
import { saveFile } from '../../file-transfer.ts';
import { messageOf } from '../../store/error-message.ts';
import { useApi } from '../../store/store-context.tsx';

const FORMATS = [
  { format: 'csv', label: 'CSV', title: 'HubSpot’s column names: opens in Excel, imports into HubSpot, Salesforce or Nextcall' },
  { format: 'json', label: 'JSON', title: 'Every field, each number and the latest answers, in a versioned format' },
] as const;

const count = (n: number) => `${n.toLocaleString('en-US')} lead${n === 1 ? '' : 's'}`;

/**
 * Leads out, for the CRM: every lead or a call list's. Main streams the file (a whole store can
 * be a million leads): the desktop app writes it where the team lead chooses, a browser gets it
 * as a download; the page never holds it.
 */
export function LeadsExport() {
  const call = useApi();
  const [lists, setLists] = useState<CallList[]>([]);
  const [listName, setListName] = useState('');
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<{ status?: string; error?: string } | null>(null);

  useEffect(() => {
    call('lists.list', {}).then(setLists, () => undefined);
  }, [call]);

  const exportAs = async (format: 'csv' | 'json') => {
    setBusy(true);
    setOutcome(null);
    try {
      setOutcome({ status: take(await call('leads.export', { format, ...(listName ? { listName } : {}) })) });
    } catch (e) {
      setOutcome({ error: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="range-report leads-export">
      <p className="muted">Every lead, or a call list’s, with what the calls taught: stage, attempts, last outcome, callbacks, notes, answers, bad numbers.</p>
      <div className="report-controls">
        <label htmlFor="leads-export-list">Leads</label>
        <select id="leads-export-list" value={listName} onChange={(e) => setListName(e.target.value)}>
          <option value="">All leads</option>
          {lists.map((list) => (
            <option key={list.name} value={list.name}>
              {list.name} ({count(list.leads)})
            </option>
          ))}
        </select>
      </div>
      {outcome?.error && (
        <p className="form-error" role="alert">
          {outcome.error}
        </p>
      )}
      <p role="status">{outcome?.status ?? (busy ? 'Exporting…' : '')}</p>
      <div className="report-exports" role="group" aria-label="Export the leads">
        {FORMATS.map(({ format, label, title }) => (
          <button key={format} type="button" className="secondary" title={title} disabled={busy} onClick={() => void exportAs(format)}>
            {label}
          </button>
        ))}
      </div>
    </div>
  );
}

/** Hands the export to wherever the shell put it, and says so. */
function take(result: LeadExportResult): string {
  switch (result.kind) {
    case 'file':
      saveFile(result.file);
      return `Downloaded ${result.file.fileName}: ${count(result.leads)}.`;
    case 'download': {
      // A link of the web host's own, good once: the browser streams it to disk itself.
      const link = document.createElement('a');
      link.href = result.url;
      link.download = result.fileName;
      link.click();
      return `Downloading ${result.fileName}: ${count(result.leads)}.`;
    }
    case 'saved':
      return `Saved ${count(result.leads)} to ${result.path}.`;
    case 'cancelled':
      return '';
  }
}
