import { useEffect, useRef } from 'react';
import { SECOND_MS } from '../../../../shared/time-units.ts';
import { useApp } from '../../store/store-context.tsx';
import { useDialogFocus } from '../../use-dialog-focus.ts';
import { useEscapeToClose } from '../../use-hotkeys.ts';
import { useNow } from '../../use-now.ts';
import { selectFloorHeadlines } from '../../store/floor-rows.ts';
import { HeadlineTiles } from '../headline-tiles.tsx';
import { RepTable } from './rep-table.tsx';

/**
 * The team lead's live floor, over the whole window so it reads on a wall screen: today's
 * figures, then one row per rep. It reads itself again when main announces a change; between
 * two reads only the clocks of the calls tick, here.
 */
export function FloorScreen({ onClose }: { onClose(): void }) {
  const floor = useApp((s) => s.floor);
  const watchFloor = useApp((s) => s.watchFloor);
  const clockOffset = useApp((s) => s.clockOffset);
  const now = useNow(SECOND_MS) + clockOffset;
  useEffect(() => watchFloor(), [watchFloor]);

  const screen = useRef<HTMLDivElement>(null);
  useEscapeToClose(onClose);
  useDialogFocus(screen);

  const time = (iso: string, second?: '2-digit') => new Intl.DateTimeFormat(undefined, { hour: '2-digit', minute: '2-digit', second }).format(Date.parse(iso));
  return (
    <div className="floor-screen" role="dialog" aria-modal="true" aria-labelledby="floor-title" ref={screen} data-testid="floor">
      <header className="floor-head">
        <h1 id="floor-title">The floor</h1>
        {floor && (
          <p className="floor-when" aria-live="off">
            Today since {time(floor.from)} ({floor.timeZone}) · updated {time(floor.at, '2-digit')}
          </p>
        )}
        <span className="spacer" />
        <button type="button" className="secondary" onClick={onClose}>
          Back to calling <kbd>Esc</kbd>
        </button>
      </header>
      {floor ? (
        <>
          <HeadlineTiles headlines={selectFloorHeadlines(floor)} label="The team today" className="floor" />
          <RepTable floor={floor} now={now} />
        </>
      ) : (
        <p className="loading" role="status">
          Reading the floor…
        </p>
      )}
    </div>
  );
}
