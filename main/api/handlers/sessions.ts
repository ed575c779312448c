import type { ParsedInputOf } from '../../../shared/api.ts';
import { workingListName } from '../../leads/working-list.ts';
import { reportPdf } from '../../sessions/report-pdf.ts';
import { endSession, getSession, openSessionId, pauseDialing, pauseSession, resumeDialing, resumeSession, startSession } from '../../sessions/sessions.ts';
import { checkOwnConsole } from '../../sessions/console-access.ts';
import { checkOwnFigures, repsToChoose } from '../../sessions/summary-access.ts';
import { exportSummary } from '../../sessions/summary-export.ts';
import { exportTeamSummary } from '../../sessions/team-export.ts';
import { teamFromStore, type TeamScope } from '../../sessions/team-from-store.ts';
import { callingReps, summarize, type SummaryScope } from '../../sessions/summary.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

/** The contract has checked the zone and that a session or both ends of a range are given. */
function summaryScope(input: ParsedInputOf<'sessions.summary'>): SummaryScope {
  const { sessionId, from, to, rep, listName, timeZone } = input;
  if (sessionId !== undefined) return { sessionId, timeZone };
  return { from: Date.parse(from!), to: Date.parse(to!), rep: rep ?? null, listName: listName ?? null, timeZone };
}

function teamScope({ from, to, listName, timeZone }: ParsedInputOf<'sessions.team'>): TeamScope {
  return { from: Date.parse(from), to: Date.parse(to), listName: listName ?? null, timeZone };
}

export function sessionsHandlers({ core, edges, rep }: HandlerContext): HandlersOf<'sessions'> {
  const { store, clock, prefs } = core;
  // On the team server a rep acts on their own console's session only; a team lead on any (console-access.ts).
  const mine = async <T>(consoleId: string, work: () => Promise<T>): Promise<T> => {
    await checkOwnConsole(store, consoleId);
    return work();
  };
  return {
    'sessions.start': async ({ consoleId, listName }) =>
      startSession(store, consoleId, rep()?.name ?? null, listName ?? (await workingListName(store, prefs, rep()?.id ?? null)) ?? null, clock.now()),
    'sessions.pause': ({ consoleId }) => mine(consoleId, () => pauseSession(store, consoleId, clock.now())),
    'sessions.resume': ({ consoleId }) => mine(consoleId, () => resumeSession(store, consoleId, clock.now())),
    'sessions.end': ({ consoleId }) => mine(consoleId, () => endSession(store, consoleId, clock.now())),
    'sessions.pauseDialing': ({ consoleId }) => mine(consoleId, () => pauseDialing(store, consoleId, clock.now())),
    'sessions.resumeDialing': ({ consoleId }) => mine(consoleId, () => resumeDialing(store, consoleId, clock.now())),
    'sessions.current': ({ consoleId }) =>
      mine(consoleId, async () => {
        const id = await openSessionId(store, consoleId);
        return id === null ? null : getSession(store, id, clock.now());
      }),
    'sessions.summary': async (input) => {
      const scope = summaryScope(input);
      await checkOwnFigures(store, scope);
      return summarize(store, scope, clock.now());
    },
    'sessions.export': async ({ format, ...input }) => {
      const scope = summaryScope(input);
      await checkOwnFigures(store, scope);
      if (format !== 'pdf') return exportSummary(store, scope, format, clock.now());
      return [await reportPdf(async () => (await exportSummary(store, scope, 'html', clock.now()))[0]!, edges.printPdf)];
    },
    'sessions.reps': async () => repsToChoose(await callingReps(store)),
    'sessions.team': (input) => teamFromStore(store, teamScope(input), clock.now()),
    'sessions.teamExport': async ({ format, ...input }) => {
      const team = () => teamFromStore(store, teamScope(input), clock.now());
      return format === 'pdf' ? reportPdf(async () => exportTeamSummary(await team(), 'html'), edges.printPdf) : exportTeamSummary(await team(), format);
    },
  };
}
