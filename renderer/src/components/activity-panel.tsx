import type { ReactNode } from 'react';
import type { ActivityType, NextUp } from '../../../shared/leads.ts';
import { describeAgo } from '../../../shared/relative-time.ts';
import { VirtualList } from './virtual-list.tsx';

const ICONS: Record<ActivityType, string> = {
  'call-request': '☎',
  'demo-request': '▶',
  'pricing-visit': '$',
  'product-visit': '◆',
  webinar: '◉',
  'ebook-download': '▤',
  'page-visit': '↗',
  form: '✎',
};

const LABELS: Record<ActivityType, string> = {
  'call-request': 'Asked for a call',
  'demo-request': 'Asked for a demo',
  'pricing-visit': 'Pricing',
  'product-visit': 'Product',
  webinar: 'Webinar',
  'ebook-download': 'Download',
  'page-visit': 'Visit',
  form: 'Form',
};

/** Why this lead is next, the opener, the script, and what the lead has done, newest first. */
export function ActivityPanel({ next, nowMs, opener, children }: { next: NextUp; nowMs: number; opener: string | null; children?: ReactNode }) {
  const { activities } = next.card;
  return (
    <section className="panel activity-panel" aria-label="Activity">
      <div className="why-next" aria-label="Why this lead is next">
        <h2>Why this lead</h2>
        <ul>
          {next.reasons.map((reason) => (
            <li key={reason}>{reason}</li>
          ))}
        </ul>
      </div>

      {opener && (
        <div className="opener">
          <h2>Opener</h2>
          <p data-testid="opener">{opener}</p>
        </div>
      )}

      {children}

      <h2>Activity</h2>
      {activities.length === 0 ? (
        <p className="muted">No activity recorded for this lead.</p>
      ) : (
        <VirtualList
          items={activities}
          estimate={44}
          itemKey={(activity) => activity.id}
          label="Activity, newest first"
          className="timeline"
          testId="timeline"
          render={(activity) => (
            <div className="timeline-row">
              <span className={`icon icon-${activity.type}`} aria-hidden="true">
                {ICONS[activity.type]}
              </span>
              <span className="what">
                <span className="kind">{LABELS[activity.type]}</span>
                <span className="title">{activity.title}</span>
              </span>
              <time dateTime={activity.occurredAt} title={activity.occurredAt}>
                {describeAgo(Date.parse(activity.occurredAt), nowMs)}
              </time>
            </div>
          )}
        />
      )}
    </section>
  );
}
