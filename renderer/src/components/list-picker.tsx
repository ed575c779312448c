import { useEffect } from 'react';
import { useApp } from '../store/store-context.tsx';

/** How long after the last lead changed the picker counts again. */
const RECOUNT_DELAY_MS = 1200;

/**
 * The call list this console works, chosen from the top bar, with how many of each list's leads
 * wait now. Switching lets the lead on screen go and brings the new list's first.
 */
export function ListPicker() {
  const lists = useApp((s) => s.workingLists);
  const load = useApp((s) => s.loadWorkingLists);
  const workList = useApp((s) => s.workList);
  const onChangesElsewhere = useApp((s) => s.onChangesElsewhere);
  // Each lead logged changes what waits: the counts follow the snapshot once the rep pauses
  // (counting is not free, and main answers one call at a time: the next disposition must never
  // queue behind a recount), and the changes made elsewhere (an import, another console) at once.
  const snapshotNow = useApp((s) => s.snapshot?.now);
  useEffect(() => {
    const timer = setTimeout(() => void load(), snapshotNow === undefined ? 0 : RECOUNT_DELAY_MS);
    return () => clearTimeout(timer);
  }, [load, snapshotNow]);
  useEffect(() => onChangesElsewhere(() => void load()), [onChangesElsewhere, load]);
  if (!lists || (lists.lists.length <= 1 && lists.current === null)) return null;
  const waiting = (n: number, cap: number) => `${n}${n >= cap ? '+' : ''} waiting`;
  // The top bar holds one line at 1366 px: the select says it all (the list, and what waits in it).
  return (
    <select
      className="list-picker"
      aria-label="Call list"
      title="The call list this console works"
      data-testid="list-picker"
      value={lists.current ?? ''}
      onFocus={() => void load()}
      onChange={(event) => {
        void workList(event.target.value === '' ? null : event.target.value);
        event.target.blur();
      }}
    >
      {lists.lists.map((l) => (
        <option key={l.name ?? ''} value={l.name ?? ''}>
          {l.name ?? 'Every lead'} · {waiting(l.waiting, l.waitingCapped)}
        </option>
      ))}
    </select>
  );
}
