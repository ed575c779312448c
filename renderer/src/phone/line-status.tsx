import { useApp } from '../store/store-context.tsx';

const WORDS = { off: 'Phone off', connecting: 'Phone connecting…', registered: 'Phone ready', failed: 'Phone refused', disconnected: 'Phone offline' } as const;

/** The top bar's word on the softphone's line: ready, connecting, refused or offline, with the reason. */
export function LineStatus() {
  const mode = useApp((s) => s.phoneMode);
  const line = useApp((s) => s.line);
  const openPanel = useApp((s) => s.openPanel);
  if (mode !== 'softphone') return null;
  return (
    <button type="button" className={`line-status line-${line.state}`} data-testid="line-status" title={line.sentence ?? 'Registered with the phone system: C calls.'} onClick={() => openPanel('settings')}>
      <span className="light" aria-hidden="true" />
      {WORDS[line.state]}
      {line.sentence && <span className="visually-hidden">: {line.sentence}</span>}
    </button>
  );
}
