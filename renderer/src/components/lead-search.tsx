import { useEffect, useRef, useState } from 'react';
import { fullName } from '../../../shared/leads.ts';
import { STAGE_LABELS } from '../../../shared/stages.ts';
import { useApp } from '../store/store-context.tsx';
import { useDialogFocus } from '../use-dialog-focus.ts';
import { useEscapeToClose } from '../use-hotkeys.ts';
import { LeadDetails } from './lead-details.tsx';

/** How long the rep may pause typing before the search runs. */
const SEARCH_DELAY_MS = 120;

/**
 * The top bar's way to any lead (/ or Ctrl+K): the prospect who calls back is found in one step.
 * Mounted once in the top bar; the dialog is a panel, so the call screen's keys are off under it.
 */
export function LeadSearchButton() {
  const panel = useApp((s) => s.panel);
  const openSearch = useApp((s) => s.openSearch);
  // A prompt or the import wizard holds the keyboard: the search waits until it is answered.
  const busy = useApp((s) => s.askingTime !== null || s.askingReason !== null || s.wizard !== null);
  // Mounted for the whole session: it also fetches the team lead's reasons, which decide whether a
  // disposition asks the rep why.
  const loadReasonLists = useApp((s) => s.loadReasonLists);
  useEffect(() => {
    void loadReasonLists();
  }, [loadReasonLists]);

  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (panel !== null || busy || event.repeat) return;
      const target = event.target as HTMLElement | null;
      const typing = !!target && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
      const ctrlK = (event.ctrlKey || event.metaKey) && !event.altKey && event.key.toLowerCase() === 'k';
      const slash = event.key === '/' && !typing && !event.ctrlKey && !event.metaKey && !event.altKey;
      if (!ctrlK && !slash) return;
      event.preventDefault();
      openSearch();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [panel, busy, openSearch]);

  return (
    <>
      <button type="button" className="secondary" onClick={openSearch} aria-keyshortcuts="/ Control+K" title="Find any lead (/ or Ctrl+K)">
        Find lead <kbd>/</kbd>
      </button>
      {panel === 'search' && <LeadSearchDialog />}
    </>
  );
}

function LeadSearchDialog() {
  const search = useApp((s) => s.search);
  const searching = useApp((s) => s.searching);
  const runSearch = useApp((s) => s.searchLeads);
  const opened = useApp((s) => s.opened);
  const openLead = useApp((s) => s.openLead);
  const closeLead = useApp((s) => s.closeLead);
  const closeSearch = useApp((s) => s.closeSearch);
  const [query, setQuery] = useState(search?.query ?? '');
  const card = useRef<HTMLDivElement>(null);
  const results = useRef<HTMLOListElement>(null);
  const input = useRef<HTMLInputElement>(null);
  // Escape steps back: from a lead to the results, from the results out.
  useEscapeToClose(opened ? closeLead : closeSearch);
  useDialogFocus(card);

  useEffect(() => {
    const timer = setTimeout(() => void runSearch(query), SEARCH_DELAY_MS);
    return () => clearTimeout(timer);
  }, [query, runSearch]);
  useEffect(() => {
    if (!opened) input.current?.focus();
  }, [opened]);

  const moveFocus = (step: number) => {
    const items = [...(results.current?.querySelectorAll<HTMLButtonElement>('button.search-hit') ?? [])];
    if (items.length === 0) return;
    const at = items.indexOf(document.activeElement as HTMLButtonElement);
    items[Math.max(0, Math.min(items.length - 1, at + step))]?.focus();
  };

  return (
    <div className="overlay" role="dialog" aria-modal="true" aria-label="Find a lead">
      <div className="overlay-card lead-search" ref={card}>
        {opened ? (
          <LeadDetails opened={opened} onBack={closeLead} />
        ) : (
          <>
            <div className="search-head">
              <input
                ref={input}
                type="search"
                className="search-input"
                aria-label="Name, company, email or number"
                placeholder="Name, company, email or any number…"
                value={query}
                maxLength={200}
                autoFocus
                onChange={(event) => setQuery(event.target.value)}
                onKeyDown={(event) => {
                  if (event.key === 'ArrowDown') {
                    event.preventDefault();
                    moveFocus(1);
                  } else if (event.key === 'Enter' && search?.hits[0]) {
                    event.preventDefault();
                    void openLead(search.hits[0].lead.id);
                  }
                }}
              />
              <button type="button" className="secondary" onClick={closeSearch}>
                Close <kbd>Esc</kbd>
              </button>
            </div>
            <p className="muted search-note" role="status">
              {!query.trim()
                ? 'Any lead, open or closed. A number in any format, or its last digits.'
                : searching && !search
                  ? 'Searching…'
                  : search && search.hits.length === 0
                    ? `No lead matches "${search.query}".`
                    : search
                      ? `${search.hits.length}${search.hits.length === 20 ? '+' : ''} found by ${search.kind === 'number' ? 'number' : 'name, company or email'}.`
                      : ''}
            </p>
            {search && search.hits.length > 0 && (
              <ol
                className="search-hits"
                ref={results}
                aria-label="Leads found"
                onKeyDown={(event) => {
                  if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                    event.preventDefault();
                    const first = results.current?.querySelector('button.search-hit') === document.activeElement;
                    if (event.key === 'ArrowUp' && first) input.current?.focus();
                    else moveFocus(event.key === 'ArrowDown' ? 1 : -1);
                  }
                }}
              >
                {search.hits.map((hit) => (
                  <li key={hit.lead.id}>
                    <button type="button" className="search-hit" onClick={() => void openLead(hit.lead.id)}>
                      <span className="hit-name">{fullName(hit.lead) || 'Unnamed lead'}</span>
                      <span className={`stage stage-${hit.lead.stage}`}>{STAGE_LABELS[hit.lead.stage]}</span>
                      {hit.lead.doNotCall && <span className="tag warn">Do not call</span>}
                      <span className="hit-role muted">{[hit.lead.title, hit.lead.company].filter(Boolean).join(' · ') || '—'}</span>
                      <span className="hit-numbers">{hit.phones.map((p) => p.e164 ?? p.raw).join(' · ')}</span>
                      <span className="hit-last muted">
                        {hit.lastCall
                          ? `Last call ${new Date(hit.lastCall.at).toLocaleDateString()}: ${hit.lastCall.dispositionLabel}${hit.lastCall.rep ? ` (${hit.lastCall.rep})` : ''}`
                          : 'Never called'}
                        {hit.lead.email ? ` · ${hit.lead.email}` : ''}
                      </span>
                    </button>
                  </li>
                ))}
              </ol>
            )}
          </>
        )}
      </div>
    </div>
  );
}
