import { resolve } from 'node:path';
import { clockStartingAt, systemClock, type Clock } from './clock.ts';
import { defaultDataDir } from './data-dir.ts';

/** The flags the web host and the CLI share, as parseArgs options. */
export const COMMON_FLAGS = {
  'data-dir': { type: 'string' },
  clock: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** A mistake in how a command was called: shown as its message alone, exit code 1, no stack trace. */
export class UsageError extends Error {}

export interface RuntimeOptions {
  dataDir: string;
  clock: Clock;
}

export function runtimeOptions(values: { 'data-dir'?: string | undefined; clock?: string | undefined }): RuntimeOptions {
  return {
    dataDir: resolve(values['data-dir'] ?? defaultDataDir()),
    clock: values.clock === undefined ? systemClock : clockStartingAt(parseClockFlag(values.clock)),
  };
}

/** Parses a --clock value; a clear error rather than an Invalid Date sneaking into the store. */
export function parseClockFlag(value: string): Date {
  const date = new Date(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(value) || Number.isNaN(date.getTime())) {
    throw new UsageError(`--clock expects an ISO time such as 2026-11-23T15:00:00Z, not "${value}".`);
  }
  return date;
}
