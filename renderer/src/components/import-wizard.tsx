import { LEAD_FIELDS, LEAD_FIELD_LABELS, type LeadField } from '../../../shared/imports.ts';
import { useApp } from '../store/store-context.tsx';
import { useEscapeToClose } from '../use-hotkeys.ts';

const DELIMITERS: Record<string, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' };

/**
 * Before a file is imported: how Nextcall reads it (encoding, separator), which column fills
 * which field (detected, and changeable), the first rows, and the call list it joins.
 * Enter imports, Escape cancels.
 */
export function ImportWizard() {
  const wizard = useApp((s) => s.wizard);
  const setColumn = useApp((s) => s.setColumn);
  const setListName = useApp((s) => s.setListName);
  const confirm = useApp((s) => s.confirmImport);
  const cancel = useApp((s) => s.cancelImport);
  // Escape cancels wherever the focus is (the Import button may be disabled, and unfocusable).
  useEscapeToClose(cancel, wizard !== null);
  if (!wizard) return null;
  const { preview } = wizard;
  const hasPhone = Object.values(wizard.columns).some((f) => f === 'phone' || f === 'mobilePhone' || f === 'otherPhones');

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label={`Import ${wizard.fileName}`}>
      <form
        className="overlay-card wizard"
        onSubmit={(event) => {
          event.preventDefault();
          if (hasPhone) void confirm();
        }}
      >
        <h2>Import {wizard.fileName}</h2>
        <p className="muted" data-testid="wizard-format">
          Read as {preview.encoding.toUpperCase()}, columns separated by {DELIMITERS[preview.delimiter] ?? preview.delimiter}. Check what each column fills:
        </p>
        <div className="wizard-table">
          <table>
            <thead>
              <tr>
                <th scope="col">Column</th>
                <th scope="col">First rows</th>
                <th scope="col">Fills</th>
              </tr>
            </thead>
            <tbody>
              {preview.headers.map((header, index) => (
                <tr key={header + index}>
                  <th scope="row">{header}</th>
                  <td className="muted">
                    {preview.sample
                      .slice(0, 3)
                      .map((row) => row[index] ?? '')
                      .filter(Boolean)
                      .join(' · ') || '—'}
                  </td>
                  <td>
                    <select
                      aria-label={`What ${header} fills`}
                      value={wizard.columns[header] ?? ''}
                      onChange={(event) => setColumn(header, (event.target.value || null) as LeadField | null)}
                    >
                      <option value="">— not used —</option>
                      {LEAD_FIELDS.map((field) => (
                        <option key={field} value={field}>
                          {LEAD_FIELD_LABELS[field]}
                        </option>
                      ))}
                    </select>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <label className="wizard-list">
          Add to the call list <input type="text" value={wizard.listName} placeholder="(optional)" maxLength={120} onChange={(event) => setListName(event.target.value)} />
        </label>
        {!hasPhone && <p role="alert">Choose the column that holds the phone number: a lead without one cannot be called.</p>}
        <div className="wizard-actions">
          <button type="submit" className="primary" disabled={!hasPhone} autoFocus>
            Import <kbd>Enter</kbd>
          </button>
          <button type="button" onClick={cancel}>
            Cancel <kbd>Esc</kbd>
          </button>
        </div>
      </form>
    </div>
  );
}
