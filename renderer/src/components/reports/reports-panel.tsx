import { useRef, useState } from 'react';
import { useApp } from '../../store/store-context.tsx';
import { useDialogFocus } from '../../use-dialog-focus.ts';
import { useEscapeToClose } from '../../use-hotkeys.ts';
import { RangeReport } from './range-report.tsx';
import { TeamReport } from './team-report.tsx';
import { LeadsExport } from './leads-export.tsx';

type Tab = 'range' | 'team' | 'leads';
const TABS: { id: Tab; label: string }[] = [
  { id: 'range', label: 'Days and reps' },
  { id: 'team', label: 'Team summary' },
  { id: 'leads', label: 'Leads' },
];

/** The team lead's screen: what happened over some days (a rep's or everyone's), and several reps' summaries merged. */
export function ReportsPanel({ onClose }: { onClose(): void }) {
  const pdf = useApp((s) => s.canPrintPdf);
  const [tab, setTab] = useState<Tab>('range');

  const card = useRef<HTMLDivElement>(null);
  useEscapeToClose(onClose);
  useDialogFocus(card);

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-labelledby="reports-title">
      <div className="overlay-card reports" ref={card}>
        <div className="reports-head">
          <h2 id="reports-title">Reports</h2>
          <div role="tablist" aria-label="Reports">
            {TABS.map(({ id, label }) => (
              <button
                key={id}
                type="button"
                role="tab"
                id={`reports-tab-${id}`}
                aria-selected={tab === id}
                aria-controls={`reports-panel-${id}`}
                className={tab === id ? 'tab selected' : 'tab'}
                onClick={() => setTab(id)}
                onKeyDown={(event) => {
                  if (event.key !== 'ArrowLeft' && event.key !== 'ArrowRight') return;
                  const step = event.key === 'ArrowLeft' ? TABS.length - 1 : 1;
                  const next = TABS[(TABS.findIndex((t) => t.id === tab) + step) % TABS.length]!.id;
                  setTab(next);
                  document.getElementById(`reports-tab-${next}`)?.focus();
                }}
              >
                {label}
              </button>
            ))}
          </div>
          <span className="spacer" />
          <button type="button" className="secondary" onClick={onClose}>
            Close
          </button>
        </div>
        {/* Both stay mounted, so the files a team lead added survive a look at the other tab. */}
        <div role="tabpanel" id="reports-panel-range" aria-labelledby="reports-tab-range" hidden={tab !== 'range'}>
          <RangeReport pdf={pdf} />
        </div>
        <div role="tabpanel" id="reports-panel-team" aria-labelledby="reports-tab-team" hidden={tab !== 'team'}>
          <TeamReport pdf={pdf} />
        </div>
        <div role="tabpanel" id="reports-panel-leads" aria-labelledby="reports-tab-leads" hidden={tab !== 'leads'}>
          <LeadsExport />
        </div>
      </div>
    </div>
  );
}
