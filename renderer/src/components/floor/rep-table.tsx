import type { FloorView } from '../../../../shared/floor.ts';
import { selectFloorRows } from '../../store/floor-rows.ts';

/** Up to this many reps, each row is as large as a wall screen allows; a whole team (20 reps) fits at 1920×1080 in compact rows. */
const ROOMY_ROWS = 8;

/** One row per rep: the state in colour and in words, then the day's figures. */
export function RepTable({ floor, now }: { floor: FloorView; now: number }) {
  const rows = selectFloorRows(floor, now);
  if (rows.length === 0) return <p className="muted">No rep on the floor yet: a rep appears with their first session or call.</p>;
  return (
    <table className="floor-reps" aria-label="Reps" data-density={rows.length > ROOMY_ROWS ? 'compact' : 'roomy'}>
      <thead>
        <tr>
          <th scope="col">Rep</th>
          <th scope="col">Now</th>
          {rows[0]!.figures.map((f) => (
            <th scope="col" className="num" key={f.label}>
              {f.label}
            </th>
          ))}
          <th scope="col" className="num" title="Median time from a request for a call to this rep's first dial of it">
            Speed to lead
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key} data-state={row.state}>
            <th scope="row">
              {row.name}
              {row.signedIn && row.state !== 'signed-out' && <span className="floor-signed-in">{row.signedIn}</span>}
            </th>
            <td>
              <span className={`floor-state ${row.state}`}>{row.stateText}</span>
            </td>
            {row.figures.map((f) => (
              <td className="num" key={f.label}>
                {f.value}
              </td>
            ))}
            <td className="num">
              {row.speedToLead}
              {row.requestsDialled > 0 && <span className="floor-requests">{row.requestsDialled === 1 ? '1 request' : `${row.requestsDialled} requests`}</span>}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
