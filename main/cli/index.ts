import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { api, columnMappingSchema, type InputOf, type MethodName, type OutputOf } from '../../shared/api.ts';
import { callingSummarySchema } from '../../shared/summary.ts';
import { isTimeZone, zonedDayRange } from '../../shared/zoned-time.ts';
import { createDispatcher } from '../api/dispatch.ts';
import { createHandlers } from '../api/handlers.ts';
import { openCore, type Core } from '../core.ts';
import { DEMO_LIST_SIZE, demoLeadsCsv } from '../demo/demo-list.ts';
import { leadExport } from '../leads/export-leads.ts';
import { ApiError } from '../../shared/api-error.ts';
import { writeOutFile, writeStdout } from './out-file.ts';
import { confPreferences } from '../preferences/conf-preferences.ts';
import { exportTeamSummary } from '../sessions/team-export.ts';
import { mixedZonesNote, teamFromFiles } from '../sessions/team-summary.ts';
import { COMMON_FLAGS, runtimeOptions, UsageError } from '../runtime-options.ts';
import { storeStartupMessage } from '../store/store-check.ts';
import { isStoreCommand, storeCommand } from './store-commands.ts';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  import FILE.csv        import leads (HubSpot, Salesforce or plain headers); prints the report as JSON
      [--list NAME] [--default-country CC] [--mapping MAPPING.json] [--dry-run]
  preview FILE.csv       show the detected encoding, delimiter, column mapping and first rows
      [--mapping MAPPING.json]
  import-activities FILE.csv
                         add activity (Record ID/Email/Phone, Type, Title, URL, Time) to known leads
  imports                list the imports, newest first
  lists                  the call lists, their filters and rules, and how many leads each holds
  undo-import ID         take an import back (the newest not yet undone)
  rejected-rows ID [--out FILE]
                         the rows an import turned away, with line and reason, as CSV
  export leads [--list NAME] [--format csv|json] [--out FILE]
                         every lead (or a list's) for the CRM
  scripts validate FILE  check a script (YAML or JSON): every problem with its line and field
  scripts import FILE [--inactive]
                         add a script, or its next version, and make it the one the console follows
  scripts list           every script version, the active one marked
  scripts export ID [--out FILE]
                         a script's latest version as its team lead wrote it
  dispositions list      the dispositions, retired ones included
  dispositions import FILE
                         replace the dispositions in use with a file's (YAML or JSON list)
  handoffs [--format csv|json] [--out FILE]
                         the leads handed to sales, with the answers and why they qualified
  summary (--session ID | --from DATE --to DATE [--rep NAME] [--list NAME]) [--tz ZONE] [--format json|csv|html] [--out FILE]
                         what happened: dials, contacts, funnel, coverage, speed to lead, callbacks…
                         DATEs are whole days on --tz's clock, both included (or exact ISO times);
                         hours of the day are counted on that clock (default: this computer's)
                         (csv: the calls to FILE, the totals to FILE's -totals.csv)
  summary-schema         the summary's JSON format (schema version, every field), as JSON Schema
  team-summary A.json B.json … [--format json|csv|html] [--out FILE]
                         several reps' JSON summaries merged: each rep, and the team in total
  next [--list NAME]     print the next lead the queue offers, and why, as JSON
  queue [--list NAME] [--limit 20] [--at ISO-TIME]
                         the next leads in the order the queue would offer them, with reasons,
                         and how many wait in each tier
  why-not LEAD-ID [--list NAME] [--at ISO-TIME]
                         which rules hold a lead back, and when it will be offered
  demo-list [--count N]  print a demo call list (fictional leads) as CSV
  backup                 back the store up now, into its backups folder (kept 14 days)
  restore FILE           make a backup the store (a path, or a name in the backups folder); it is
                         checked first, and the current store is kept as a backup (or, damaged, aside)
  check                  the store's full integrity check; says what to do when it is damaged

Options:
  --data-dir DIR         the store's folder (default: the desktop app's data folder)
  --clock ISO-TIME       run as if it were that instant (time runs on from there)

A mapping file is JSON: {"phone": "Tel. Nr", "company": "Firma", "score": null}.`;

const FLAGS = {
  ...COMMON_FLAGS,
  count: { type: 'string' },
  list: { type: 'string' },
  'default-country': { type: 'string' },
  mapping: { type: 'string' },
  'dry-run': { type: 'boolean' },
  out: { type: 'string' },
  format: { type: 'string' },
  limit: { type: 'string' },
  inactive: { type: 'boolean' },
  session: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  rep: { type: 'string' },
  tz: { type: 'string' },
  at: { type: 'string' },
} as const;

type Values = ReturnType<typeof parseArgs<{ options: typeof FLAGS; allowPositionals: true }>>['values'];

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options: FLAGS, allowPositionals: true });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  // --at asks about one instant, like --clock: the queue's rules at that moment.
  const options = runtimeOptions({ ...values, clock: values.at ?? values.clock });
  if (command === 'demo-list') {
    const count = Number(values.count ?? DEMO_LIST_SIZE);
    if (!Number.isInteger(count) || count < 1) throw new UsageError(`--count expects a whole number of leads, not "${values.count}".`);
    process.stdout.write(demoLeadsCsv({ count, now: options.clock.now() }));
    return;
  }
  if (command === 'summary-schema') {
    console.log(JSON.stringify(z.toJSONSchema(callingSummarySchema), null, 2));
    return;
  }
  // The store's upkeep (issue 16): restore and check work on a store that will not open.
  if (isStoreCommand(command)) {
    process.stdout.write(`${JSON.stringify(await storeCommand(command, rest, options), null, 2)}\n`);
    return;
  }
  const core = openCore({ ...options, prefs: confPreferences(options.dataDir) });
  try {
    const result = await run(core, command, rest, values);
    if (result !== undefined) process.stdout.write(typeof result === 'string' ? result : `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    core.close();
  }
}

async function run(core: Core, command: string, args: string[], values: Values): Promise<unknown> {
  const dispatch = createDispatcher(createHandlers(core));
  const call = async <K extends MethodName>(method: K, input: InputOf<K>): Promise<OutputOf<K>> => {
    const result = await dispatch(method, input);
    if (!result.ok) throw new UsageError(result.error.message);
    return result.value as OutputOf<K>;
  };
  const fileArgument = async (what: string) => {
    const [file] = args;
    if (!file) throw new UsageError(`${command} needs a file: npm run cli -- ${command} ${what}`);
    return { fileName: basename(file), data: (await readBytes(file)).toString('base64') };
  };
  const idArgument = () => {
    const id = Number(args[0]);
    if (!Number.isInteger(id) || id < 1) throw new UsageError(`${command} needs an import id (see npm run cli -- imports).`);
    return id;
  };
  const list = values.list ? { listName: values.list } : {};
  const output = async (file: { content: string }) => {
    if (!values.out) return file.content;
    await writeOutFile(values.out, [file.content]);
    console.error(`Written to ${values.out}`);
    return undefined;
  };

  switch (command) {
    case 'import': {
      const stopProgress = core.events.subscribe((event, payload) => {
        if (event === 'import.progress' && 'rowsDone' in payload) {
          console.error(`${payload.rowsDone.toLocaleString('en-US')} rows read (${payload.rowsPerSecond.toLocaleString('en-US')} rows/s)`);
        }
      });
      try {
        return await call('leads.import', {
          ...(await fileArgument('leads.csv')),
          ...(values.mapping ? { mapping: await readMapping(values.mapping) } : {}),
          ...(values.list ? { listName: values.list } : {}),
          ...(values['default-country'] ? { defaultCountry: values['default-country'].toUpperCase() } : {}),
          dryRun: values['dry-run'] ?? false,
        });
      } finally {
        stopProgress();
      }
    }
    case 'preview':
      return call('leads.previewImport', { ...(await fileArgument('leads.csv')), ...(values.mapping ? { mapping: await readMapping(values.mapping) } : {}) });
    case 'import-activities':
      return call('leads.importActivities', await fileArgument('activities.csv'));
    case 'imports':
      return call('imports.list', {});
    case 'lists':
      return call('lists.list', {});
    case 'undo-import':
      return call('imports.undo', { batchId: idArgument() });
    case 'rejected-rows':
      return output(await call('imports.rejectedRows', { batchId: idArgument() }));
    case 'export': {
      if (args[0] !== 'leads') throw new UsageError('Say what to export: npm run cli -- export leads [--list NAME] [--format csv|json] [--out FILE]');
      const format = values.format ?? 'csv';
      if (format !== 'csv' && format !== 'json') throw new UsageError(`--format is csv or json, not "${format}".`);
      return exportLeadsTo(core, { format, ...list }, values.out);
    }
    case 'scripts':
    case 'dispositions': {
      const [verb, file] = args;
      const text = async () => {
        if (!file) throw new UsageError(`${command} ${verb} needs a file: npm run cli -- ${command} ${verb} FILE`);
        return { fileName: basename(file), text: (await readBytes(file)).toString('utf8') };
      };
      if (command === 'scripts' && verb === 'validate') return call('scripts.validate', await text());
      if (command === 'scripts' && verb === 'import') return call('scripts.import', { ...(await text()), activate: !values.inactive });
      if (command === 'scripts' && verb === 'list') return call('scripts.list', {});
      if (command === 'scripts' && verb === 'export') {
        if (!file) throw new UsageError('scripts export needs a script id: npm run cli -- scripts export bant');
        return output(await call('scripts.export', { id: file }));
      }
      if (command === 'dispositions' && verb === 'list') return call('dispositions.list', {});
      if (command === 'dispositions' && verb === 'import') return call('dispositions.import', await text());
      throw new UsageError(`Unknown command "${command} ${verb ?? ''}".\n\n${USAGE}`);
    }
    case 'handoffs': {
      const format = values.format ?? 'csv';
      if (format !== 'csv' && format !== 'json') throw new UsageError(`--format is csv or json, not "${format}".`);
      return output(await call('handoffs.export', { format }));
    }
    case 'summary': {
      const format = values.format ?? 'json';
      if (format === 'pdf') throw new UsageError('PDF comes from the desktop app (Reports, PDF). Here, write --format html and print the page to PDF from a browser.');
      if (format !== 'csv' && format !== 'json' && format !== 'html') throw new UsageError(`--format is json, csv or html, not "${format}".`);
      const timeZone = values.tz ?? Intl.DateTimeFormat().resolvedOptions().timeZone;
      const scope = {
        ...(values.session ? { sessionId: Number(values.session) } : {}),
        ...(values.from || values.to ? summaryRange(values.from, values.to, timeZone) : {}),
        ...(values.rep ? { rep: values.rep } : {}),
        ...list,
        timeZone,
      };
      const files = await call('sessions.export', { ...scope, format });
      if (!values.out) return files.map((f) => f.content).join('\n');
      const [first, ...rest] = files;
      await writeOutFile(values.out, [first!.content]);
      for (const extra of rest) await writeOutFile(values.out.replace(/(\.csv)?$/, '-totals.csv'), [extra.content]);
      console.error(`Written to ${values.out}${rest.length ? ' and its -totals.csv' : ''}`);
      return undefined;
    }
    case 'team-summary': {
      if (args.length === 0) throw new UsageError('team-summary needs the reps\' JSON summaries: npm run cli -- team-summary ana.json ben.json');
      const format = values.format ?? 'json';
      if (format !== 'csv' && format !== 'json' && format !== 'html') throw new UsageError(`--format is json, csv or html, not "${format}".`);
      const files = await Promise.all(args.map(async (file) => ({ fileName: basename(file), text: (await readBytes(file)).toString('utf8') })));
      let team;
      try {
        team = teamFromFiles(files);
      } catch (error) {
        throw new UsageError((error as Error).message);
      }
      const note = mixedZonesNote(team);
      if (note) console.error(note);
      const { content } = exportTeamSummary(team, format);
      return output({ content });
    }
    case 'next':
      return (await call('queue.next', list)).next;
    case 'queue': {
      const limit = Number(values.limit ?? 20);
      if (!Number.isInteger(limit) || limit < 1) throw new UsageError(`--limit expects a whole number, not "${values.limit}".`);
      return call('queue.preview', { ...list, limit });
    }
    case 'why-not': {
      const leadId = Number(args[0]);
      if (!Number.isInteger(leadId) || leadId < 1) throw new UsageError('why-not needs a lead id: npm run cli -- why-not 42');
      return call('queue.whyNot', { ...list, leadId });
    }
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

/**
 * Leads out, streamed: a million leads go to --out (or stdout) piece by piece, read from a
 * snapshot of the store, never held whole in memory. The input is checked by the contract's own
 * schema, as the API would check it.
 */
async function exportLeadsTo(core: Core, input: InputOf<'leads.export'>, out: string | undefined): Promise<undefined> {
  const parsed = api['leads.export'].input.safeParse(input);
  if (!parsed.success) throw new UsageError(`--list: ${parsed.error.issues[0]?.message}.`);
  let file;
  try {
    file = leadExport(core.db, parsed.data.format, parsed.data.listName);
  } catch (error) {
    throw error instanceof ApiError ? new UsageError(error.message) : error;
  }
  if (!out) return void (await writeStdout(file.chunks()));
  await writeOutFile(out, file.chunks());
  console.error(`Written to ${out} (${file.leads.toLocaleString('en-US')} leads)`);
}

/** "2026-11-23" means that day from midnight UTC; a full ISO time is taken as it is. */
/** --from and --to: whole days on the zone's clock (both included), or exact ISO times. */
function summaryRange(from: string | undefined, to: string | undefined, timeZone: string): { from: string; to: string } {
  if (!from || !to) throw new UsageError('A date range needs both --from and --to, e.g. --from 2026-11-23 --to 2026-11-27.');
  if (!isTimeZone(timeZone)) throw new UsageError(`"${timeZone}" is not a time zone: write one like America/New_York.`);
  const day = /^\d{4}-\d{2}-\d{2}$/;
  if (day.test(from) && day.test(to)) {
    const range = zonedDayRange(from, to, timeZone);
    if (!range) throw new UsageError(`${from} to ${to} is not a range of days: write the first day, then the last, e.g. --from 2026-11-23 --to 2026-11-27.`);
    return range;
  }
  const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
  for (const value of [from, to]) {
    if (!instant.test(value) || Number.isNaN(Date.parse(value))) {
      throw new UsageError(`"${value}" is neither a day nor an instant: write both as days (2026-11-23) or both as times with their offset (2026-11-23T09:00-05:00).`);
    }
  }
  return { from, to };
}

async function readBytes(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch {
    throw new UsageError(`Cannot read ${file}: no such file, or no permission to read it.`);
  }
}

async function readMapping(file: string) {
  let json: unknown;
  try {
    json = JSON.parse((await readBytes(file)).toString('utf8'));
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${file} is not valid JSON: write it as {"phone": "Tel. Nr", "company": "Firma"}.`);
  }
  const parsed = columnMappingSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new UsageError(`${file} is not a column mapping: ${issue?.path.join('.') || 'the file'}: ${issue?.message}.`);
  }
  return parsed.data;
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const store = storeStartupMessage(error);
  const known = store !== null || error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
  console.error(store ?? (known ? (error as Error).message : error));
  process.exitCode = known ? 1 : 2;
});
