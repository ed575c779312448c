import { z } from 'zod';
import type { ExportedFile } from '../imports.ts';
import type { CallingSession } from '../sessions.ts';
import type { CallingSummary, TeamSummary } from '../summary.ts';
import { consoleId, name, none, timeZone } from './common-inputs.ts';
import { method } from './method-spec.ts';

/** What a summary covers: a session, or a range (a rep's or everyone's, a list's or all leads). */
const summaryScope = {
  sessionId: z.int().positive().optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  rep: z.string().max(80).optional(),
  listName: name.optional(),
  /** The zone the days start in and the hours of the day are counted in (the team lead's, say). */
  timeZone: timeZone.default('UTC'),
};

/** A team's range: both ends, a list or all leads, and the clock. */
const teamScope = {
  from: z.iso.datetime({ offset: true }),
  to: z.iso.datetime({ offset: true }),
  listName: name.optional(),
  timeZone: timeZone.default('UTC'),
};

/** A session wins over a range; without one, the range needs both ends. */
const coversSomething = (scope: { sessionId?: number | undefined; from?: string | undefined; to?: string | undefined }) =>
  scope.sessionId !== undefined || (scope.from !== undefined && scope.to !== undefined);
const NOTHING_COVERED = 'give a session, or a range: from and to';

/** A rep's calling sessions, and the summaries of a session or a range of days. */
export const sessionsApi = {
  'sessions.start': method<CallingSession>()(z.strictObject({ consoleId, listName: name.optional() })),
  'sessions.pause': method<CallingSession>()(z.strictObject({ consoleId })),
  'sessions.resume': method<CallingSession>()(z.strictObject({ consoleId })),
  'sessions.end': method<CallingSession>()(z.strictObject({ consoleId })),
  /** Power dialing: the rep held the countdown to the next dial (a pause between calls); null without a session going. */
  'sessions.pauseDialing': method<CallingSession | null>()(z.strictObject({ consoleId })),
  'sessions.resumeDialing': method<CallingSession | null>()(z.strictObject({ consoleId })),
  'sessions.current': method<CallingSession | null>()(z.strictObject({ consoleId })),
  'sessions.summary': method<CallingSummary>()(z.strictObject(summaryScope).refine(coversSomething, NOTHING_COVERED)),
  'sessions.export': method<ExportedFile[]>()(
    z
      .strictObject({
        ...summaryScope,
        /** pdf: the report printed by the desktop app (see app.capabilities). */
        format: z.enum(['json', 'csv', 'html', 'pdf']).default('json'),
      })
      .refine(coversSomething, NOTHING_COVERED),
  ),
  /** The reps who logged calls, for choosing whose summary to read (on the team server, a rep sees only their own name). */
  'sessions.reps': method<string[]>()(none),
  /** The team over a range, from the store's calls: each rep who called, and the team's total counted from the calls themselves. */
  'sessions.team': method<TeamSummary>()(z.strictObject(teamScope)),
  'sessions.teamExport': method<ExportedFile>()(z.strictObject({ ...teamScope, format: z.enum(['json', 'csv', 'html', 'pdf']).default('json') })),
} as const;
