import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * `npm run security`: Doyensec's Electronegativity over the build (out/), every finding matched
 * against the table in docs/SECURITY.md that explains it. A finding the table does not explain
 * fails the run, so a new risky setting cannot land unnoticed, and a finding that is fine is
 * written down once, with its reason, where a reviewer reads it.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BUILD_DIR = join(ROOT, 'out');
export const SECURITY_DOC = join(ROOT, 'docs', 'SECURITY.md');

/**
 * Electronegativity's check that compares the Electron version with the latest releases downloads
 * the release list from GitHub: a network this project's machines do not reach. The version is
 * npm's to keep current (SECURITY.md, out of scope).
 */
const CHECKS_NEEDING_THE_NETWORK = ['AvailableSecurityFixesGlobalCheck'];

export interface Finding {
  check: string;
  /** Relative to out/, as Electronegativity reports it with isRelative. */
  file: string;
  line: number;
  description: string;
}

export interface Explanation {
  check: string;
  file: string;
  /** How many findings of this check in this file are explained: one more is a new one. */
  count: number;
  why: string;
}

const TABLE_START = '<!-- electronegativity:explained -->';
const TABLE_END = '<!-- /electronegativity:explained -->';

/** The explained findings: the rows of the table between the two markers in SECURITY.md. */
export function explanationsIn(markdown: string): Explanation[] {
  const start = markdown.indexOf(TABLE_START);
  const end = markdown.indexOf(TABLE_END);
  if (start < 0 || end < start) throw new Error(`SECURITY.md has no table between ${TABLE_START} and ${TABLE_END}.`);
  const rows = markdown
    .slice(start + TABLE_START.length, end)
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('|') && !/^\|\s*-/.test(line));
  return rows.slice(1).map((line) => {
    const cells = line.slice(1, line.endsWith('|') ? -1 : undefined).split('|').map((cell) => cell.trim().replace(/^`|`$/g, ''));
    const [check, file, count, why] = cells;
    const n = Number(count);
    if (!check || !file || !Number.isInteger(n) || n < 1 || !why) throw new Error(`SECURITY.md: this row of the findings table is not "| check | file | count | why |": ${line}`);
    return { check, file, count: n, why };
  });
}

/** The findings the table does not explain: all of a check in a file, once there are more than it says. */
export function unexplained(findings: Finding[], explanations: Explanation[]): Finding[] {
  const allowed = new Map(explanations.map((e) => [`${e.check} ${e.file}`, e.count]));
  const groups = Map.groupBy(findings, (f) => `${f.check} ${f.file}`);
  return [...groups].flatMap(([key, group]) => (group.length > (allowed.get(key) ?? 0) ? group : []));
}

/** Rows of the table that no finding matched any more: worth removing, not worth failing over. */
export function stale(findings: Finding[], explanations: Explanation[]): Explanation[] {
  return explanations.filter((e) => !findings.some((f) => f.check === e.check && f.file === e.file));
}

interface RawIssue {
  id: string;
  file: string;
  location?: { line?: number };
  description: string;
}

async function scan(input: string): Promise<{ findings: Finding[]; unreadable: string[] }> {
  const require = createRequire(import.meta.url);
  const home = dirname(require.resolve('@doyensec/electronegativity/package.json'));
  // Electronegativity fetches fresh translations from GitHub before every run (its own English
  // ones ship with it): answered here with "none", since this machine reaches no such server, and
  // its HTTP client crashes the process on Node 24 when the request times out.
  const got = require.resolve('got', { paths: [join(home, 'dist')] });
  require.cache[got] = { id: got, filename: got, loaded: true, exports: async () => ({ statusCode: 404, body: '' }) } as unknown as NodeJS.Module;
  const run = require(join(home, 'dist', 'runner.js')) as (options: object, forCli: boolean) => Promise<{ issues: RawIssue[]; errors: { file: string; message: string; tolerable: boolean }[] }>;
  const electronVersion = (require('electron/package.json') as { version: string }).version;
  const result = await run(
    { input, isRelative: true, electronVersionOverride: electronVersion, customScan: [], excludeFromScan: CHECKS_NEEDING_THE_NETWORK.map((c) => c.toLowerCase()), parserPlugins: [] },
    false,
  );
  return {
    findings: result.issues.map((i) => ({ check: i.id, file: i.file, line: i.location?.line ?? 0, description: i.description })),
    unreadable: result.errors.filter((e) => !e.tolerable).map((e) => `${relative(input, e.file)}: ${e.message}`),
  };
}

async function main(): Promise<number> {
  if (!existsSync(BUILD_DIR)) {
    console.error('Nothing to scan: run "npm run build" first (npm test does).');
    return 1;
  }
  const explanations = explanationsIn(readFileSync(SECURITY_DOC, 'utf8'));
  const { findings, unreadable } = await scan(BUILD_DIR);
  const bad = unexplained(findings, explanations);
  for (const f of findings) console.log(`${bad.includes(f) ? 'NOT EXPLAINED' : 'explained'}  ${f.check}  out/${f.file}:${f.line}  ${f.description}`);
  for (const e of stale(findings, explanations)) console.log(`note: SECURITY.md explains ${e.check} in out/${e.file}, which Electronegativity no longer reports; the row can go.`);
  for (const u of unreadable) console.error(`Electronegativity could not read ${u}: that file was not checked.`);
  if (bad.length || unreadable.length) {
    if (bad.length) console.error(`\n${bad.length} finding(s) that docs/SECURITY.md does not explain: fix them, or add a row to its table saying why each is safe.`);
    return 1;
  }
  console.log(`Electronegativity: ${findings.length} finding(s), each explained in docs/SECURITY.md.`);
  return 0;
}

if (import.meta.main) {
  main().then(
    (code) => (process.exitCode = code),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
