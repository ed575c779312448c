import { resolve } from 'node:path';
import { clockStartingAt, parseClockFlag, systemClock, type Clock } from './clock.ts';
import { defaultDataDir } from './data-dir.ts';

/** The flags the web host and the CLI share, as parseArgs options. */
export const COMMON_FLAGS = {
  'data-dir': { type: 'string' },
  clock: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

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
