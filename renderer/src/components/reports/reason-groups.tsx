import type { CallingSummary } from '../../../../shared/summary.ts';

/** Why leads were closed, by the team lead's reasons: "No budget 12", then "Other". */
export function ReasonGroups({ reasons }: { reasons: CallingSummary['reasons'] }) {
  const byDisposition = new Map<string, { label: string; rows: CallingSummary['reasons'] }>();
  for (const r of reasons) {
    const group = byDisposition.get(r.code) ?? { label: r.label, rows: [] };
    group.rows.push(r);
    byDisposition.set(r.code, group);
  }
  return (
    <section aria-label="Reasons" data-testid="reason-groups">
      <h3>Reasons</h3>
      {byDisposition.size === 0 ? (
        <p className="muted">No disqualified or not-interested call gave a reason in this range.</p>
      ) : (
        <table className="report-table">
          <tbody>
            {[...byDisposition.entries()].map(([code, group]) =>
              group.rows.map((r, i) => (
                <tr key={`${code}-${r.reason}`}>
                  <th scope="row">
                    {i === 0 ? <span className="muted">{group.label}: </span> : null}
                    {r.reason}
                  </th>
                  <td className="num">{r.count}</td>
                </tr>
              )),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
