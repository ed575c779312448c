import { useEffect, useState } from 'react';
import type { ReasonList } from '../../../shared/lead-context.ts';
import { useApp } from '../store/store-context.tsx';

/**
 * The team lead's lists of reasons (why disqualified, why not interested), one per line. The rep
 * picks from them with a key, or writes "Other"; the reports group the calls by them.
 */
export function ReasonListsSettings() {
  const lists = useApp((s) => s.reasonLists);
  const load = useApp((s) => s.loadReasonLists);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <fieldset className="reason-lists">
      <legend>Reasons</legend>
      <p className="muted">One reason a line. The rep picks one by its key, or writes another under “Other”; the reports count each.</p>
      {lists.map((list) => (
        <ReasonListEditor key={`${list.code}:${list.reasons.join('\n')}`} list={list} />
      ))}
    </fieldset>
  );
}

function ReasonListEditor({ list }: { list: ReasonList }) {
  const save = useApp((s) => s.saveReasonList);
  const showNotice = useApp((s) => s.showNotice);
  const [text, setText] = useState(list.reasons.join('\n'));
  const id = `reasons-${list.code}`;
  const reasons = text
    .split('\n')
    .map((r) => r.trim())
    .filter(Boolean);
  const changed = reasons.join('\n') !== list.reasons.join('\n');
  return (
    <div className="reason-list">
      <label htmlFor={id}>{list.label}</label>
      <textarea id={id} rows={Math.min(8, Math.max(3, reasons.length + 1))} value={text} onChange={(e) => setText(e.target.value)} />
      <button
        type="button"
        disabled={!changed}
        onClick={() =>
          void save(list.code, reasons).then((ok) => {
            if (ok) showNotice({ kind: 'info', text: `Reasons for "${list.label}" saved.` });
          })
        }
      >
        Update reasons for {list.label}
      </button>
    </div>
  );
}
