import { echarts } from './chart-engine.ts';

/** chart-engine-loader.ts as the desktop app's bundle has it: ECharts bundled in, nothing loaded late. */
export function chartEngine(): typeof echarts {
  return echarts;
}
