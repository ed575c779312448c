import { isTimeZone, zonedDayRange } from '../../../shared/zoned-time.ts';
import { UsageError } from '../../runtime-options.ts';
import { choice, command, count, flagSwitch, LIST, OUT, text } from '../cli-command.ts';
import { printOrWrite } from '../cli-files.ts';
import { writeOutFile } from '../out-file.ts';

export const summaryCommand = command({
  name: 'summary',
  args: '(--session ID | --from DATE --to DATE [--rep NAME] [--list NAME])',
  flags: {
    database: text('URL'),
    team: flagSwitch,
    session: count('ID'),
    from: text('DATE'),
    to: text('DATE'),
    rep: text('NAME'),
    list: LIST,
    tz: text('ZONE'),
    format: choice(['json', 'csv', 'html'], 'json', {
      pdf: 'PDF comes from the desktop app (Reports, PDF). Here, write --format html and print the page to PDF from a browser.',
    }),
    out: OUT,
  },
  about: [
    'what happened: dials, contacts, funnel, coverage, speed to lead, callbacks…',
    'DATEs are whole days on --tz\'s clock, both included (or exact ISO times);',
    'hours of the day are counted on that clock (default: this computer\'s)',
    '(csv: the calls to FILE, the totals to FILE\'s -totals.csv)',
    '--team: each rep who called in the range beside the team\'s total (csv: a row each);',
    '--database: straight from a team\'s PostgreSQL instead of this computer\'s store',
  ],
  async run({ flags, call }) {
    const timeZone = flags.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
    if (flags.team) {
      if (flags.session || flags.rep) throw new UsageError('--team covers every rep over a range: give --from and --to, without --session or --rep.');
      const file = await call('sessions.teamExport', { ...summaryRange(flags.from, flags.to, timeZone), ...(flags.list ? { listName: flags.list } : {}), timeZone, format: flags.format });
      return printOrWrite(flags.out, file.content);
    }
    const files = await call('sessions.export', {
      ...(flags.session ? { sessionId: flags.session } : {}),
      ...(flags.from || flags.to ? summaryRange(flags.from, flags.to, timeZone) : {}),
      ...(flags.rep ? { rep: flags.rep } : {}),
      ...(flags.list ? { listName: flags.list } : {}),
      timeZone,
      format: flags.format,
    });
    if (!flags.out) return files.map((f) => f.content).join('\n');
    const [first, ...rest] = files;
    await writeOutFile(flags.out, [first!.content]);
    for (const extra of rest) await writeOutFile(flags.out.replace(/(\.csv)?$/, '-totals.csv'), [extra.content]);
    console.error(`Written to ${flags.out}${rest.length ? ' and its -totals.csv' : ''}`);
    return undefined;
  },
});

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** --from and --to: whole days on the zone's clock (both included), or exact ISO times. */
function summaryRange(from: string | undefined, to: string | undefined, timeZone: string): { from: string; to: string } {
  if (!from || !to) throw new UsageError('A date range needs both --from and --to, e.g. --from 2026-11-23 --to 2026-11-27.');
  if (!isTimeZone(timeZone)) throw new UsageError(`"${timeZone}" is not a time zone: write one like America/New_York.`);
  if (DAY.test(from) && DAY.test(to)) {
    const range = zonedDayRange(from, to, timeZone);
    if (!range) throw new UsageError(`${from} to ${to} is not a range of days: write the first day, then the last, e.g. --from 2026-11-23 --to 2026-11-27.`);
    return range;
  }
  for (const value of [from, to]) {
    if (!INSTANT.test(value) || Number.isNaN(Date.parse(value))) {
      throw new UsageError(`"${value}" is neither a day nor an instant: write both as days (2026-11-23) or both as times with their offset (2026-11-23T09:00-05:00).`);
    }
  }
  return { from, to };
}
