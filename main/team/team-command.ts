import { parseArgs } from 'node:util';
import { ApiError } from '../../shared/api-error.ts';
import { parseClockFlag, UsageError } from '../runtime-options.ts';
import { clockStartingAt, systemClock } from '../clock.ts';
import { ADMIN_COMMANDS, runAdminCommand, type AdminCommand } from './admin-commands.ts';
import { runSourceCommand, SOURCE_COMMANDS, type SourceCommand } from './source-commands.ts';
import { readNewPassword } from './password-input.ts';
import { checkDatabase, teamServeOptions } from './team-options.ts';

const USAGE = `Usage: npm run team -- --database URL [--listen HOST:PORT] [--tls-cert FILE --tls-key FILE] [--insecure-lan]
       npm run team -- create-admin --database URL --name NAME
       npm run team -- add-person --database URL --name NAME --role rep|lead|admin
       npm run team -- reset-password --database URL --name NAME
       npm run team -- add-source|rotate-secret|remove-source --database URL --name NAME [--per-minute N]
       npm run team -- sources --database URL

Serves the console and its API to a team from a PostgreSQL database (listening on 127.0.0.1:4318
unless --listen says otherwise; plain HTTP off loopback needs --insecure-lan). The account
commands read the new password from a prompt, or from stdin's first line when it is piped. The
source commands (inbound webhooks, docs/INBOUND.md) need NEXTCALL_INBOUND_KEY, as the server does.`;

const FLAGS = {
  database: { type: 'string' },
  listen: { type: 'string' },
  'tls-cert': { type: 'string' },
  'tls-key': { type: 'string' },
  'insecure-lan': { type: 'boolean' },
  name: { type: 'string' },
  role: { type: 'string' },
  'per-minute': { type: 'string' },
  clock: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** `npm run team -- …`: the team server, or one of its account commands. */
export async function teamCommand(argv: string[]): Promise<void> {
  const { values, positionals } = parseArgs({ args: argv, options: FLAGS, allowPositionals: true });
  if (values.help) return void console.log(USAGE);
  const clock = values.clock === undefined ? systemClock : clockStartingAt(parseClockFlag(values.clock));
  const [command, ...rest] = positionals;
  if (rest.length) throw new UsageError(`Unexpected "${rest[0]}".\n\n${USAGE}`);
  if (command === undefined) {
    const { serveTeam } = await import('./team-server.ts');
    return serveTeam({ ...teamServeOptions(values), clock });
  }
  if (SOURCE_COMMANDS.includes(command as SourceCommand)) {
    return console.log(await runSourceCommand({ command: command as SourceCommand, database: checkDatabase(values.database), name: values.name, perMinute: values['per-minute'], clock }));
  }
  if (!ADMIN_COMMANDS.includes(command as AdminCommand)) throw new UsageError(`There is no team command "${command}".\n\n${USAGE}`);
  const sentence = await runAdminCommand({
    command: command as AdminCommand,
    database: checkDatabase(values.database),
    name: values.name,
    role: values.role,
    clock,
    password: () => readNewPassword(),
  });
  console.log(sentence);
}

if (import.meta.main) {
  teamCommand(process.argv.slice(2)).catch((error: unknown) => {
    const known = error instanceof UsageError || error instanceof ApiError || (error instanceof Error && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
    console.error(known ? (error as Error).message : error);
    process.exitCode = known ? 1 : 2;
  });
}
