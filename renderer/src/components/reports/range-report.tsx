import { useEffect, useMemo, useState } from 'react';
import type { ReportFormat } from '../../../../shared/api.ts';
import type { CallingSummary, TeamSummary } from '../../../../shared/summary.ts';
import { addDays, isTimeZone, zonedDay, zonedDayRange } from '../../../../shared/zoned-time.ts';
import { saveFile } from '../../file-transfer.ts';
import { messageOf } from '../../store/error-message.ts';
import { useApi, useApp } from '../../store/store-context.tsx';
import { ExportButtons } from './export-buttons.tsx';
import { SummaryView } from './summary-view.tsx';
import { TeamTable } from './team-report.tsx';

const THIS_COMPUTER_ZONE = Intl.DateTimeFormat().resolvedOptions().timeZone;
/** Suggestions for the zone field; any name Intl knows is taken (Asia/Kolkata, US/Eastern…). */
const ZONES = Intl.supportedValuesOf('timeZone');

/** A rep's (or everyone's) days: pick the days, whose calls, which list and whose clock; read the figures; take them away. */
export function RangeReport({ pdf }: { pdf: boolean }) {
  const call = useApi();
  // Main's clock: in a test, or a console whose computer clock is off, "today" is the store's.
  const clockOffset = useApp((s) => s.clockOffset);
  const [openedAt] = useState(() => Date.now());
  const nowMs = openedAt + clockOffset;
  const [timeZone, setTimeZone] = useState(THIS_COMPUTER_ZONE);
  // Days before today on the calendar, not in hours: a day is 23 or 25 hours long when the clocks change.
  const dayOf = (daysBefore: number) => addDays(zonedDay(nowMs, isTimeZone(timeZone) ? timeZone : 'UTC'), -daysBefore)!;
  const [firstDay, setFirstDay] = useState(() => dayOf(0));
  const [lastDay, setLastDay] = useState(() => dayOf(0));
  // On the team server a rep reads their own figures only: their name, and no "Everyone".
  const signIn = useApp((s) => s.signInState);
  const ownOnly = signIn?.person?.role === 'rep' ? signIn.person.name : null;
  // A team lead on the team server reads everyone's days rep by rep too, from the team's calls.
  const byRep = signIn?.signInRequired === true && ownOnly === null;
  const [rep, setRep] = useState(ownOnly ?? '');
  const [listName, setListName] = useState('');
  const [reps, setReps] = useState<string[]>([]);
  const [lists, setLists] = useState<string[]>([]);
  // What main answered, and for which scope: an answer for another scope is still loading.
  const [answer, setAnswer] = useState<{ scope: object; summary?: CallingSummary; error?: string } | null>(null);
  const [team, setTeam] = useState<{ scope: object; team: TeamSummary } | null>(null);
  // An export that failed, for the scope it was asked for: a new scope clears it.
  const [exportError, setExportError] = useState<{ scope: object; message: string } | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    // Without them the screen still works, for everyone and all leads.
    call('sessions.reps', {}).then(setReps, () => undefined);
    call('lists.list', {}).then((l) => setLists(l.map((list) => list.name)), () => undefined);
  }, [call]);

  // The scope as main takes it, or why there is none.
  const scope = useMemo(() => {
    if (!isTimeZone(timeZone)) return { problem: `“${timeZone}” is not a time zone: pick one from the list, like America/New_York.` };
    if (!firstDay || !lastDay) return { problem: 'Pick the first and the last day.' };
    const range = zonedDayRange(firstDay, lastDay, timeZone);
    if (!range) return { problem: 'The last day comes before the first: pick the days again.' };
    return { ...range, timeZone, ...(rep ? { rep } : {}), ...(listName ? { listName } : {}) };
  }, [firstDay, lastDay, timeZone, rep, listName]);

  useEffect(() => {
    if ('problem' in scope) return;
    let current = true;
    call('sessions.summary', scope).then(
      (summary) => current && setAnswer({ scope, summary }),
      (e: unknown) => current && setAnswer({ scope, error: messageOf(e) }),
    );
    if (byRep && !('rep' in scope)) {
      const { from, to, timeZone: zone } = scope;
      call('sessions.team', { from, to, timeZone: zone, ...('listName' in scope ? { listName: scope.listName } : {}) }).then(
        (read) => current && setTeam({ scope, team: read }),
        () => undefined,
      );
    }
    return () => {
      current = false;
    };
  }, [call, scope, byRep]);

  const current = answer?.scope === scope;
  const problem = 'problem' in scope ? scope.problem : exportError?.scope === scope ? exportError.message : current ? answer.error : undefined;

  const exportAs = async (format: ReportFormat) => {
    if ('problem' in scope) return;
    setBusy(true);
    setExportError(null);
    try {
      for (const file of await call('sessions.export', { ...scope, format })) saveFile(file);
    } catch (e) {
      setExportError({ scope, message: messageOf(e) });
    } finally {
      setBusy(false);
    }
  };
  const preset = (first: number, last: number) => {
    setFirstDay(dayOf(first));
    setLastDay(dayOf(last));
  };

  return (
    <div className="range-report">
      <div className="report-controls">
        <label>
          From <input type="date" value={firstDay} required onChange={(e) => setFirstDay(e.target.value)} />
        </label>
        <label>
          to <input type="date" value={lastDay} required onChange={(e) => setLastDay(e.target.value)} />
        </label>
        <span className="report-presets" role="group" aria-label="Quick ranges">
          <button type="button" className="link" onClick={() => preset(0, 0)}>
            Today
          </button>
          <button type="button" className="link" onClick={() => preset(1, 1)}>
            Yesterday
          </button>
          <button type="button" className="link" onClick={() => preset(6, 0)}>
            Last 7 days
          </button>
        </span>
        <label htmlFor="report-rep">Rep</label>
        <select id="report-rep" value={rep} onChange={(e) => setRep(e.target.value)}>
            {ownOnly === null && <option value="">Everyone</option>}
            {reps.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
        </select>
        <label htmlFor="report-list">List</label>
        <select id="report-list" value={listName} onChange={(e) => setListName(e.target.value)}>
            <option value="">All leads</option>
            {lists.map((name) => (
              <option key={name} value={name}>
                {name}
              </option>
            ))}
        </select>
        <label>
          Time zone <input type="text" list="report-zones" title="Days start at midnight, and hours are counted, on this clock" value={timeZone} size={18} spellCheck={false} onChange={(e) => setTimeZone(e.target.value.trim())} />
        </label>
        <datalist id="report-zones">
          {ZONES.map((zone) => (
            <option key={zone} value={zone} />
          ))}
        </datalist>
      </div>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {/* The last figures stay on screen while the next are counted, dimmed. */}
      {answer?.summary ? (
        <div className={current ? undefined : 'stale'} aria-busy={!current}>
          <SummaryView summary={answer.summary} />
          {team?.scope === scope && team.team.reps.length > 0 && (
            <section aria-label="Each rep">
              <h3>Each rep</h3>
              <TeamTable team={team.team} note={null} />
            </section>
          )}
        </div>
      ) : (
        !problem && <p role="status">Counting the calls…</p>
      )}
      <ExportButtons what="summary" pdf={pdf} busy={busy || 'problem' in scope} onExport={(format) => void exportAs(format)} />
    </div>
  );
}
