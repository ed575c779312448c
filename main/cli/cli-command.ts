import type { InputOf, MethodName, OutputOf } from '../../shared/api.ts';
import type { EventListener } from '../api/event-hub.ts';
import type { RuntimeOptions } from '../runtime-options.ts';

/**
 * How a command's flag reads: `text` (--list NAME), `switch` (--dry-run), `choice` (--format
 * csv|json, checked against its choices, with a default) or `count` (--limit 20, a whole number
 * of at least 1). The parser checks every kind in one place, and the usage line is written from it.
 */
export type FlagSpec =
  | { kind: 'text'; value: string }
  | { kind: 'switch' }
  | { kind: 'choice'; choices: readonly string[]; default: string; refused?: Record<string, string> }
  | { kind: 'count'; value: string; default?: number };

export type FlagSpecs = Record<string, FlagSpec>;

/** What a command's run receives for its flags, typed from its specs. */
export type FlagValues<F extends FlagSpecs> = {
  [K in keyof F]: F[K] extends { kind: 'switch' }
    ? boolean
    : F[K] extends { kind: 'choice'; choices: readonly (infer C)[] }
      ? C
      : F[K] extends { kind: 'count'; default: number }
        ? number
        : F[K] extends { kind: 'count' }
          ? number | undefined
          : string | undefined;
};

/** What a command can do: call the API through the dispatcher (the store opens on the first call), listen to its events. */
export interface CliContext<F extends FlagSpecs> {
  /** The words after the command's name. */
  args: string[];
  flags: FlagValues<F>;
  options: RuntimeOptions;
  call<K extends MethodName>(method: K, input: InputOf<K>): Promise<OutputOf<K>>;
  subscribe(listener: EventListener): () => void;
}

export interface CliCommand<F extends FlagSpecs = FlagSpecs> {
  /** One word, or two for a family (`scripts validate`, `export leads`). */
  name: string;
  /** What follows the name besides the flags (`FILE.csv`, `ID`), as the usage shows it. */
  args?: string;
  flags: F;
  /** The usage text's lines about the command, and README's. */
  about: string[];
  /**
   * What the command prints: a string as it is, anything else as JSON, nothing for undefined.
   * Every command that reads or writes the store does so through `call` (the dispatcher).
   */
  run(context: CliContext<F>): Promise<unknown>;
}

/** Declares a command with its flags typed: `command({ name, flags: { list: text('NAME') }, about, run })`. */
export const command = <const F extends FlagSpecs>(spec: CliCommand<F>): CliCommand => spec as unknown as CliCommand;

export const text = (value: string) => ({ kind: 'text', value }) as const;
export const flagSwitch = { kind: 'switch' } as const;
export const choice = <const C extends readonly string[]>(choices: C, defaultChoice: C[number], refused?: Record<string, string>) =>
  ({ kind: 'choice', choices, default: defaultChoice, ...(refused ? { refused } : {}) }) as const;
export function count(value: string): { kind: 'count'; value: string };
export function count(value: string, defaultCount: number): { kind: 'count'; value: string; default: number };
export function count(value: string, defaultCount?: number): FlagSpec {
  return defaultCount === undefined ? { kind: 'count', value } : { kind: 'count', value, default: defaultCount };
}

/** The flags several commands share, written once. */
export const LIST = text('NAME');
export const OUT = text('FILE');
export const MAPPING = text('MAPPING.json');
