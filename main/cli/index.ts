import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import type { InputOf, MethodName, OutputOf } from '../../shared/api.ts';
import { createDispatcher } from '../api/dispatch.ts';
import { createHandlers, DEMO_LIST_SIZE } from '../api/handlers.ts';
import { demoLeadsCsv } from '../demo/demo-list.ts';
import { openCore, type Core } from '../core.ts';
import { confPreferences } from '../preferences/conf-preferences.ts';
import { COMMON_FLAGS, runtimeOptions, UsageError } from '../runtime-options.ts';

const USAGE = `Usage: npm run cli -- <command> [options]

Commands:
  import <file.csv>   import leads from a CSV file (HubSpot, Salesforce or plain headers)
  next                print the next lead the queue offers, as JSON
  demo-list [--count N]
                      print a demo call list (fictional leads) as CSV

Options:
  --data-dir DIR      the store's folder (default: the desktop app's data folder)
  --clock ISO-TIME    run as if it were that instant (time runs on from there)`;

async function main(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options: { ...COMMON_FLAGS, count: { type: 'string' } }, allowPositionals: true });
  const [command, ...rest] = positionals;
  if (values.help || !command) {
    console.log(USAGE);
    return;
  }
  const options = runtimeOptions(values);
  if (command === 'demo-list') {
    const count = Number(values.count ?? DEMO_LIST_SIZE);
    if (!Number.isInteger(count) || count < 1) throw new UsageError(`--count expects a whole number of leads, not "${values.count}".`);
    process.stdout.write(demoLeadsCsv({ count, now: options.clock.now() }));
    return;
  }
  const core = openCore({ ...options, prefs: confPreferences(options.dataDir) });
  try {
    const result = await run(core, command, rest);
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } finally {
    core.close();
  }
}

async function run(core: Core, command: string, args: string[]): Promise<unknown> {
  const dispatch = createDispatcher(createHandlers(core));
  const call = async <K extends MethodName>(method: K, input: InputOf<K>): Promise<OutputOf<K>> => {
    const result = await dispatch(method, input);
    if (!result.ok) throw new UsageError(result.error.message);
    return result.value as OutputOf<K>;
  };

  switch (command) {
    case 'import': {
      const [file] = args;
      if (!file) throw new UsageError('import needs a file: npm run cli -- import leads.csv');
      const csv = await readFile(file, 'utf8').catch(() => {
        throw new UsageError(`Cannot read ${file}: no such file, or no permission to read it.`);
      });
      return call('leads.import', { fileName: basename(file), csv });
    }
    case 'next':
      return (await call('queue.next', {})).next;
    default:
      throw new UsageError(`Unknown command "${command}".\n\n${USAGE}`);
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const known = error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
  console.error(known ? (error as Error).message : error);
  process.exitCode = known ? 1 : 2;
});
