import { useMemo } from 'react';
import { countryChoices } from '../../../shared/country-list.ts';
import { LEAD_FIELDS, LEAD_FIELD_LABELS, type LeadField } from '../../../shared/imports.ts';
import { useApp } from '../store/store-context.tsx';
import { useEscapeToClose } from '../use-hotkeys.ts';

const DELIMITERS: Record<string, string> = { ',': 'commas', ';': 'semicolons', '\t': 'tabs' };

/** The encodings a team lead may pick when the guess is wrong: what spreadsheets and CRMs write. */
const ENCODINGS: Record<string, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE (Excel "Unicode text")',
  'utf-16be': 'UTF-16 BE',
  'utf-32le': 'UTF-32 LE',
  'windows-1252': 'Windows-1252 (Western Europe, Americas)',
  'iso-8859-1': 'ISO-8859-1 (Latin-1)',
  'iso-8859-15': 'ISO-8859-15 (Latin-9)',
  'windows-1250': 'Windows-1250 (Central Europe)',
  'iso-8859-2': 'ISO-8859-2 (Central Europe)',
  'windows-1251': 'Windows-1251 (Cyrillic)',
  'windows-1257': 'Windows-1257 (Baltic)',
  'koi8-r': 'KOI8-R (Russian)',
  'iso-8859-7': 'ISO-8859-7 (Greek)',
  'iso-8859-9': 'ISO-8859-9 (Turkish)',
  shift_jis: 'Shift_JIS (Japanese)',
  'euc-jp': 'EUC-JP (Japanese)',
  'euc-kr': 'EUC-KR (Korean)',
  gb18030: 'GB18030 (Simplified Chinese)',
  big5: 'Big5 (Traditional Chinese)',
};

/**
 * Before a file is imported: how Nextcall reads it (encoding, separator), the country of the
 * numbers written without +, which column fills which field (detected, and changeable), the
 * first rows, and the call list it joins. Enter imports, Escape cancels.
 */
export function ImportWizard() {
  const wizard = useApp((s) => s.wizard);
  const setColumn = useApp((s) => s.setColumn);
  const setListName = useApp((s) => s.setListName);
  const setEncoding = useApp((s) => s.setEncoding);
  const setDefaultCountry = useApp((s) => s.setDefaultCountry);
  const confirm = useApp((s) => s.confirmImport);
  const cancel = useApp((s) => s.cancelImport);
  // Escape cancels wherever the focus is (the Import button may be disabled, and unfocusable).
  useEscapeToClose(cancel, wizard !== null);
  // The importer's own country list, named in the team lead's language.
  const countries = useMemo(() => countryChoices(navigator.languages), []);
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
        <label className="wizard-encoding">
          Characters look wrong? Read the file as{' '}
          <select aria-label="Encoding" value={preview.encoding} onChange={(event) => void setEncoding(event.target.value)}>
            {!(preview.encoding in ENCODINGS) && <option value={preview.encoding}>{preview.encoding.toUpperCase()}</option>}
            {Object.entries(ENCODINGS).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        </label>
        <label className="wizard-country">
          Numbers written without + are in{' '}
          <select aria-label="Country of numbers without +" value={wizard.defaultCountry} onChange={(event) => setDefaultCountry(event.target.value)}>
            {!countries.some((c) => c.code === wizard.defaultCountry) && <option value={wizard.defaultCountry}>{wizard.defaultCountry}</option>}
            {countries.map(({ code, name }) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>{' '}
          <span className="muted">(type a name to find it; a row's own country wins)</span>
        </label>
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
