import { useRef, useState } from 'react';
import type { ReportFormat } from '../../../../shared/api.ts';
import { TEAM_COLUMNS, teamDays } from '../../../../shared/summary-figures.ts';
import type { TeamSummary } from '../../../../shared/summary.ts';
import { saveFile } from '../../file-transfer.ts';
import { messageOf } from '../../store/error-message.ts';
import { useApi } from '../../store/store-context.tsx';
import { ExportButtons } from './export-buttons.tsx';
import { HourBars } from './hour-bars.tsx';

interface SummaryFile {
  fileName: string;
  text: string;
}

/**
 * Reps' JSON summaries merged on this computer: the team lead adds files (each checked; a bad one
 * is named and left out, the others stay), reads each rep beside the team, and exports the result.
 */
export function TeamReport({ pdf }: { pdf: boolean }) {
  const call = useApi();
  const input = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<SummaryFile[]>([]);
  const [merged, setMerged] = useState<{ team: TeamSummary; note: string | null } | null>(null);
  const [problems, setProblems] = useState<string[]>([]);
  // One change at a time: a second pick waits until the first is merged, so none is lost.
  const [busy, setBusy] = useState(false);

  const choose = async (candidates: SummaryFile[], skipped: string[] = []) => {
    if (candidates.length === 0) {
      setFiles([]);
      setMerged(null);
      setProblems(skipped);
      return;
    }
    setBusy(true);
    try {
      const result = await call('team.merge', { files: candidates });
      const refused = new Set(result.refused.map((r) => r.index));
      setFiles(candidates.filter((_, i) => !refused.has(i)));
      setMerged(result.team ? { team: result.team, note: result.note } : null);
      setProblems([...skipped, ...result.refused.map((r) => r.message)]);
    } catch (e) {
      setProblems([messageOf(e)]);
    } finally {
      setBusy(false);
    }
  };
  const add = async (chosen: FileList) => {
    const read = await Promise.all([...chosen].map(async (file) => ({ fileName: file.name, text: await file.text() })));
    // The same summary twice (chosen again, or under another name) would count its calls twice.
    const next = [...files];
    const skipped: string[] = [];
    for (const file of read) {
      const same = next.find((f) => f.text === file.text);
      if (same) skipped.push(`${file.fileName} is the same summary as ${same.fileName}: counted once.`);
      else next.push(file);
    }
    await choose(next, skipped);
  };
  const exportAs = async (format: ReportFormat) => {
    setBusy(true);
    try {
      saveFile(await call('team.export', { files, format }));
    } catch (e) {
      setProblems([messageOf(e)]);
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className="team-report">
      <div className="report-controls">
        <button type="button" className="secondary" disabled={busy} onClick={() => input.current?.click()}>
          Add summaries…
        </button>
        <input
          ref={input}
          type="file"
          accept=".json,application/json"
          multiple
          hidden
          data-testid="team-input"
          onChange={(event) => {
            const chosen = event.target.files;
            if (chosen?.length) void add(chosen);
            event.target.value = '';
          }}
        />
        <span className="muted">Each rep exports a JSON summary (the session’s JSON link, or Reports → JSON); add them here. Nothing is uploaded.</span>
      </div>
      {files.length > 0 && (
        <ul className="team-files" aria-label="Summaries in this team summary">
          {files.map((f, i) => (
            <li key={`${i}-${f.fileName}`}>
              {f.fileName}
              <button type="button" className="link" aria-label={`Remove ${f.fileName}`} disabled={busy} onClick={() => void choose(files.filter((other) => other !== f))}>
                ×
              </button>
            </li>
          ))}
        </ul>
      )}
      {problems.length > 0 && (
        <div className="form-error" role="alert">
          {problems.map((problem) => (
            <p key={problem}>{problem}</p>
          ))}
        </div>
      )}
      {merged && <TeamTable team={merged.team} note={merged.note} />}
      {merged && <ExportButtons what="team summary" pdf={pdf} busy={busy} onExport={(format) => void exportAs(format)} />}
    </div>
  );
}

export function TeamTable({ team, note }: { team: TeamSummary; note: string | null }) {
  return (
    <div className="team-table">
      <p className="muted">Covers {teamDays(team)}</p>
      <table className="report-table" aria-label="Team summary">
        <thead>
          <tr>
            <th scope="col">Rep</th>
            {TEAM_COLUMNS.map(([label]) => (
              <th key={label} scope="col" className="num">
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {team.reps.map(({ rep, summary }, i) => (
            <tr key={`${rep}-${i}`}>
              <th scope="row">{rep}</th>
              {TEAM_COLUMNS.map(([label, value]) => (
                <td key={label} className="num">
                  {value(summary)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row">Team</th>
            {TEAM_COLUMNS.map(([label, value]) => (
              <td key={label} className="num">
                {value(team.total)}
              </td>
            ))}
          </tr>
        </tfoot>
      </table>
      {team.total.callsByHour && team.timeZone ? <HourBars callsByHour={team.total.callsByHour} timeZone={team.timeZone} /> : <p className="muted">{note}</p>}
    </div>
  );
}
