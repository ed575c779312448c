import { callRequestText } from '../../../shared/call-request.ts';
import { useApp } from '../store/store-context.tsx';
import { useNow } from '../use-now.ts';

/**
 * "New call request: Dana Whitfield, Acme — asked 20 s ago": one line per lead who just asked for
 * a call (an inbound webhook), the wait ticking by the second from the request's arrival. Each
 * stays until dismissed (its button is in the tab order), so a rep on a call sees it after.
 */
export function CallRequests() {
  const requests = useApp((s) => s.callRequests);
  const more = useApp((s) => s.callRequestsMore);
  const dismiss = useApp((s) => s.dismissCallRequest);
  const clockOffset = useApp((s) => s.clockOffset);
  const nowMs = useNow(1000) + clockOffset;
  if (requests.length === 0) return null;
  return (
    <section className="call-requests" aria-label="Call requests" data-testid="call-requests">
      <ul role="status">
        {requests.map((request) => (
          <li key={request.leadId} data-lead-id={request.leadId}>
            <span>{callRequestText(request, nowMs)}</span>
            <button type="button" className="link" onClick={() => dismiss(request.leadId)} aria-label={`Dismiss the call request of ${request.name}`}>
              ×
            </button>
          </li>
        ))}
      </ul>
      {more > 0 && <p className="more">{more === 1 ? '1 more request' : `${more} more requests`} arrived (they wait first in the queue).</p>}
    </section>
  );
}
