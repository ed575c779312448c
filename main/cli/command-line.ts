import { parseArgs } from 'node:util';
import { COMMON_FLAGS, UsageError } from '../runtime-options.ts';
import type { CliCommand, FlagSpec } from './cli-command.ts';

/** What a command line asks for: the command, the words after its name, its flags checked and defaulted. */
export interface CommandLine {
  command: CliCommand | null;
  args: string[];
  flags: Record<string, string | number | boolean | undefined>;
  /** --data-dir, --clock, --help: every command takes them. */
  common: { 'data-dir'?: string | undefined; clock?: string | undefined; help?: boolean | undefined };
}

const COMMON = Object.keys(COMMON_FLAGS);

/** Reads argv against the table: one parser, one check per kind of flag, the same sentences for every command. */
export function parseCommandLine(argv: string[], commands: readonly CliCommand[]): CommandLine {
  const options: Record<string, { type: 'string' | 'boolean'; short?: string }> = { ...COMMON_FLAGS };
  for (const { flags } of commands) for (const [name, spec] of Object.entries(flags)) options[name] = { type: spec.kind === 'switch' ? 'boolean' : 'string' };
  const { values, positionals } = parseArgs({ args: argv, options, allowPositionals: true });
  const common = Object.fromEntries(COMMON.map((name) => [name, values[name]])) as CommandLine['common'];
  if (positionals.length === 0) return { command: null, args: [], flags: {}, common };

  const command = findCommand(positionals, commands);
  const args = positionals.slice(command.name.split(' ').length);
  const flags: CommandLine['flags'] = {};
  for (const [name, given] of Object.entries(values)) {
    if (COMMON.includes(name) || given === undefined) continue;
    if (!(name in command.flags)) throw new UsageError(`${command.name} takes no --${name}: npm run cli -- ${synopsis(command)}`);
  }
  for (const [name, spec] of Object.entries(command.flags)) flags[name] = flagValue(name, spec, values[name]);
  return { command, args, flags, common };
}

function findCommand(words: string[], commands: readonly CliCommand[]): CliCommand {
  const byLength = [...commands].sort((a, b) => b.name.split(' ').length - a.name.split(' ').length);
  const found = byLength.find((c) => c.name.split(' ').every((word, i) => words[i] === word));
  if (found) return found;
  const family = commands.filter((c) => c.name.startsWith(`${words[0]} `));
  if (family.length > 0) {
    const asked = words.slice(0, 2).join(' ');
    throw new UsageError(`Unknown command "${asked}". The ${words[0]} commands:\n${family.map((c) => `  npm run cli -- ${synopsis(c)}`).join('\n')}`);
  }
  throw new UsageError(`Unknown command "${words[0]}".\n\n${usage(commands)}`);
}

function flagValue(name: string, spec: FlagSpec, given: string | boolean | undefined): string | number | boolean | undefined {
  switch (spec.kind) {
    case 'switch':
      return given === true;
    case 'text':
      return given as string | undefined;
    case 'choice': {
      const value = (given as string | undefined) ?? spec.default;
      const refusal = spec.refused?.[value];
      if (refusal) throw new UsageError(refusal);
      if (!spec.choices.includes(value)) throw new UsageError(`--${name} is ${inWords(spec.choices)}, not "${value}".`);
      return value;
    }
    case 'count': {
      if (given === undefined) return spec.default;
      const value = Number(given);
      if (!/^\d+$/.test(String(given).trim()) || !Number.isInteger(value) || value < 1) throw new UsageError(`--${name} expects a whole number, not "${String(given)}".`);
      return value;
    }
  }
}

/** "csv or json", "json, csv or html". */
const inWords = (choices: readonly string[]) => (choices.length === 1 ? choices[0]! : `${choices.slice(0, -1).join(', ')} or ${choices.at(-1)}`);

/** The command as the usage text and README write it: `import FILE.csv [--list NAME] [--dry-run]`. */
export function synopsis(command: CliCommand): string {
  const flags = Object.entries(command.flags)
    // A flag the arguments already place (summary's --session | --from --to) is not repeated.
    .filter(([name]) => !command.args?.includes(`--${name} `))
    .map(([name, spec]) => `[--${name}${spec.kind === 'switch' ? '' : ` ${spec.kind === 'choice' ? spec.choices.join('|') : spec.value}`}]`);
  return [command.name, command.args, ...flags].filter(Boolean).join(' ');
}

const COLUMN = 25;

/** The usage text, written from the table. */
export function usage(commands: readonly CliCommand[]): string {
  const lines = commands.flatMap((command) => {
    const head = `  ${synopsis(command)}`;
    const [first = '', ...more] = command.about;
    const indent = ' '.repeat(COLUMN);
    const opening = head.length < COLUMN - 1 ? [`${head.padEnd(COLUMN)}${first}`] : [head, `${indent}${first}`];
    return [...opening, ...more.map((line) => `${indent}${line}`)];
  });
  return `Usage: npm run cli -- <command> [options]

Commands:
${lines.join('\n')}

Options (every command):
  --data-dir DIR         the store's folder (default: the desktop app's data folder)
  --clock ISO-TIME       run as if it were that instant (time runs on from there)

A mapping file is JSON: {"phone": "Tel. Nr", "company": "Firma", "score": null}.`;
}
