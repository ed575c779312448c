import { headlineFigures, hourSpan, scopeDays } from '../../shared/summary-figures.ts';
import type { CallingSummary } from '../../shared/summary.ts';
import { chartEngine } from './chart-engine-loader.ts';

/**
 * The printable report a manager reads in a minute: the headline figures, then charts (drawn by
 * Apache ECharts on the server as SVG, so the file needs no script and prints as it shows), then
 * the leads handed to sales. One self-contained HTML file; every value from the store is escaped.
 */
export const escapeHtml = (value: string) => value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

export function barChart(title: string, labels: string[], values: number[], horizontal = false): string {
  const chart = chartEngine().init(null, null, { renderer: 'svg', ssr: true, width: 560, height: horizontal ? Math.max(160, 34 * labels.length + 40) : 220 });
  const category = { type: 'category' as const, data: labels, axisLabel: { fontSize: 11 } };
  const value = { type: 'value' as const, minInterval: 1 };
  chart.setOption({
    animation: false,
    title: { text: title, textStyle: { fontSize: 13, fontWeight: 600 } },
    grid: { left: horizontal ? 150 : 40, right: 20, top: 36, bottom: 28 },
    xAxis: horizontal ? value : category,
    yAxis: horizontal ? { ...category, inverse: true } : value,
    series: [{ type: 'bar', data: values, itemStyle: { color: '#2459d6' }, label: { show: horizontal, position: 'right' } }],
  });
  const svg = chart.renderToSVGString();
  chart.dispose();
  return svg;
}


export function summaryHtml(summary: CallingSummary): string {
  const { scope } = summary;
  const when = (iso: string) =>
    new Intl.DateTimeFormat('en-GB', { timeZone: scope.timeZone, day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit' }).format(Date.parse(iso));
  const title = scope.sessionId !== null ? `Session #${scope.sessionId}` : scopeDays(scope);
  const [from, to] = hourSpan(summary.callsByHour);
  const hours = summary.callsByHour.map((_, h) => String(h).padStart(2, '0'));

  return reportPage(
    title,
    `<h1>${escapeHtml(title)}${scope.rep ? ` · ${escapeHtml(scope.rep)}` : ''}</h1>
<p class="scope">${escapeHtml(when(scope.from))} to ${escapeHtml(when(scope.to))} (${escapeHtml(scope.timeZone)})${scope.listName ? ` · list ${escapeHtml(scope.listName)}` : ''} · ${summary.calls} calls</p>
<section class="tiles">
${headlineFigures(summary)
  .map(({ label, value, note }) => `  <div class="tile"><div class="label">${escapeHtml(label)}</div><div class="value">${escapeHtml(value)}</div>${note ? `<div class="note">${escapeHtml(note)}</div>` : ''}</div>`)
  .join('\n')}
</section>
<section class="charts">
  <div>${barChart('Dispositions', summary.dispositions.map((d) => d.label), summary.dispositions.map((d) => d.count), true)}</div>
  <div>${barChart('Dials by hour', hours.slice(from, to + 1), summary.callsByHour.slice(from, to + 1))}</div>
  <div>${barChart('Stage moves', summary.funnel.map((f) => `${f.from} → ${f.to}`), summary.funnel.map((f) => f.count), true)}</div>
</section>
<h2>Handed to sales</h2>
${
  summary.handoffs.length === 0
    ? '<p class="scope">No lead was handed to sales.</p>'
    : `<table><thead><tr><th>Lead</th><th>When</th><th>Why</th></tr></thead><tbody>
${summary.handoffs.map((h) => `<tr><td>${escapeHtml(h.leadName)}</td><td>${escapeHtml(when(h.at))}</td><td>${escapeHtml(h.why)}</td></tr>`).join('\n')}
</tbody></table>`
}
`,
  );
}

/** One self-contained page: no script, no outside resource, styled for screen and print. */
export function reportPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; img-src data:">
<title>Nextcall — ${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif; color: #1d2330; margin: 32px; }
  h1 { font-size: 22px; margin: 0 0 4px; }
  .scope { color: #5f6b7a; margin: 0 0 20px; }
  .tiles { display: grid; grid-template-columns: repeat(4, 1fr); gap: 12px; margin-bottom: 24px; }
  .tile { border: 1px solid #dde1e7; border-radius: 8px; padding: 10px 14px; }
  .tile .label { color: #5f6b7a; font-size: 12px; text-transform: uppercase; letter-spacing: .05em; }
  .tile .value { font-size: 26px; font-weight: 700; }
  .tile .note { color: #5f6b7a; font-size: 12px; }
  .charts { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; }
  table { border-collapse: collapse; width: 100%; margin-top: 8px; }
  th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #dde1e7; font-size: 13px; }
  @media print { body { margin: 0; } .charts, .tiles, tr { break-inside: avoid; } h2 { break-after: avoid; } }
</style>
</head>
<body>
${body}
</body>
</html>
`;
}
