import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { synopsis, usage } from '../../../main/cli/command-line.ts';
import { COMMANDS } from '../../../main/cli/commands.ts';
import { COMMON_FLAGS } from '../../../main/runtime-options.ts';

const README = readFileSync(fileURLToPath(new URL('../../../README.md', import.meta.url)), 'utf8');
const COMMANDS_FOLDER = fileURLToPath(new URL('../../../main/cli/commands/', import.meta.url));

/** Every `npm run cli -- …` the README writes in a code span, as the words after `--`. */
const readmeMentions = [...README.matchAll(/`npm run cli -- ([^`]+)`/g)].map((m) => m[1]!.replaceAll('\\|', '|'));

const commandOf = (words: string) =>
  [...COMMANDS].sort((a, b) => b.name.length - a.name.length).find((c) => words === c.name || words.startsWith(`${c.name} `));

describe('the CLI table and the README', () => {
  it('finds the README’s commands', () => {
    expect(readmeMentions.length).toBeGreaterThan(COMMANDS.length);
  });

  for (const command of COMMANDS) {
    it(`documents ${command.name} in README.md, with the usage line the CLI prints`, () => {
      const line = `\`npm run cli -- ${synopsis(command).replaceAll('|', '\\|')}\``;
      expect(README, `README.md has no row ${line}`).toContain(line);
      expect(usage(COMMANDS)).toContain(`  ${synopsis(command)}`);
    });
  }

  it('mentions only commands that exist, with flags they take', () => {
    for (const mention of readmeMentions) {
      const command = commandOf(mention);
      expect(command, `README.md mentions "npm run cli -- ${mention}", which is no command`).toBeDefined();
      for (const [, flag] of mention.matchAll(/--([a-z-]+)/g)) {
        expect(flag! in command!.flags || flag! in COMMON_FLAGS, `README.md gives ${command!.name} --${flag}, which it does not take`).toBe(true);
      }
    }
  });

  it('names each command once', () => {
    const names = COMMANDS.map((c) => c.name);
    expect(new Set(names).size).toBe(names.length);
  });
});

/**
 * A command reaches the store through the dispatcher (`call`), validated like any API call. The
 * few that cannot say why here; any other import of main's core from a command fails.
 */
const OUTSIDE_THE_DISPATCHER: Record<string, string> = {
  'check.ts': 'reads the store file read-only, as it is, to say what is wrong with a store that will not open',
  'restore-backup.ts': 'replaces a store that may not open, so cannot wait for one to open',
  'demo-list.ts': 'makes a CSV from a seed; touches no store',
  'upload.ts': "reads a rep's store file read-only and writes the team's PostgreSQL in one transaction: two stores, neither this computer's",
  'backup.ts': 'only names the backups folder, for the path it prints; the backup itself is store.backup',
};

describe('every CLI command that touches the store', () => {
  const files = readdirSync(COMMANDS_FOLDER).filter((f) => f.endsWith('.ts'));

  it('has a module per command in the table', () => {
    expect(files).toHaveLength(COMMANDS.length);
  });

  for (const file of files) {
    it(`${file} goes through the dispatcher${file in OUTSIDE_THE_DISPATCHER ? ` (except: ${OUTSIDE_THE_DISPATCHER[file]})` : ''}`, () => {
      const source = readFileSync(`${COMMANDS_FOLDER}${file}`, 'utf8');
      const core = [...source.matchAll(/from '(\.\.\/\.\.\/[^']+)'/g)].map((m) => m[1]!).filter((path) => !path.startsWith('../../../shared/') && path !== '../../runtime-options.ts');
      if (file in OUTSIDE_THE_DISPATCHER) expect(core.length, `${file} is listed as outside the dispatcher but imports nothing of the core`).toBeGreaterThan(0);
      else expect(core, `${file} imports the core directly: call the API through the dispatcher (context.call)`).toEqual([]);
    });
  }
});
