import type { CliContext, FlagSpecs, FlagValues } from './cli-command.ts';
import { parseCommandLine, usage } from './command-line.ts';
import { COMMANDS } from './commands.ts';
import { cliSession } from './cli-session.ts';
import { runtimeOptions, UsageError } from '../runtime-options.ts';
import { storeStartupMessage } from '../store/store-check.ts';

/** `npm run cli -- <command>`: the command found in the table (commands.ts), its flags checked, run, its result printed. */
async function main(argv: string[]): Promise<void> {
  const { command, args, flags, common } = parseCommandLine(argv, COMMANDS);
  if (common.help || !command) {
    console.log(usage(COMMANDS));
    return;
  }
  // --at asks about one instant, like --clock: the queue's rules at that moment.
  const at = typeof flags.at === 'string' ? flags.at : undefined;
  const options = runtimeOptions({ ...common, clock: at ?? common.clock });
  const session = cliSession(options, typeof flags.out === 'string' ? flags.out : undefined, typeof flags.database === 'string' ? flags.database : undefined);
  const context: CliContext<FlagSpecs> = { args, flags: flags as FlagValues<FlagSpecs>, options, call: session.call, subscribe: session.subscribe };
  try {
    const result = await command.run(context);
    if (result !== undefined) process.stdout.write(typeof result === 'string' ? result : `${JSON.stringify(result, null, 2)}\n`);
  } finally {
    session.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  const store = storeStartupMessage(error);
  const known = store !== null || error instanceof UsageError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
  console.error(store ?? (known ? (error as Error).message : error));
  process.exitCode = known ? 1 : 2;
});
