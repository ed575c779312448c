import { createRequire } from 'node:module';
import type { echarts } from './chart-engine.ts';

/**
 * Apache ECharts, loaded the first time a report draws a chart. It is some 580 modules: read at
 * start, they were half of the web host's and the CLI's start-up (about 0.5 s of CPU before the
 * first lead was served), for reports most runs never draw. Node loads it synchronously here
 * (require of an ES module), so the report functions stay synchronous.
 *
 * The desktop app's main process is one bundle, where loading late saves nothing and a require
 * would find no ECharts (electron-builder.yml leaves the package out): its build swaps this file
 * for chart-engine-bundled.ts (electron.vite.config.ts).
 */
let engine: typeof echarts | null = null;

export function chartEngine(): typeof echarts {
  engine ??= (createRequire(import.meta.url)('./chart-engine.ts') as { echarts: typeof echarts }).echarts;
  return engine;
}
