import type { ReportFormat } from '../../../../shared/api.ts';

const FORMATS: { format: ReportFormat; label: string; title: string }[] = [
  { format: 'html', label: 'Report (HTML)', title: 'A printable page with the figures and charts' },
  { format: 'pdf', label: 'PDF', title: 'The report, printed to PDF' },
  { format: 'csv', label: 'CSV', title: 'For a spreadsheet or the CRM' },
  { format: 'json', label: 'JSON', title: 'The figures as JSON, in the documented format' },
];

/** The ways a summary leaves the console. PDF only where the shell can print (the desktop app). */
export function ExportButtons({ what, pdf, busy, onExport }: { what: string; pdf: boolean; busy: boolean; onExport(format: ReportFormat): void }) {
  return (
    <div className="report-exports" role="group" aria-label={`Export the ${what}`}>
      {FORMATS.filter((f) => pdf || f.format !== 'pdf').map(({ format, label, title }) => (
        <button key={format} type="button" className="secondary" title={title} disabled={busy} onClick={() => onExport(format)}>
          {label}
        </button>
      ))}
      {!pdf && <span className="muted">For a PDF, open the report and print it (Ctrl+P).</span>}
    </div>
  );
}
