import { useEffect, useState, type MouseEvent, type ReactNode, type Ref } from 'react';
import { dialLink, type DialScheme } from '../../../shared/dial-link.ts';
import type { LeadCard } from '../../../shared/leads.ts';
import { STAGE_LABELS } from '../../../shared/stages.ts';
import { localHour, localTime } from '../local-time.ts';
import { SECOND_MS } from '../../../shared/time-units.ts';

/** Who the rep is calling: name, company, the lead's own time, numbers, stage and flags. */
interface LeadPanelProps {
  card: LeadCard;
  nowMs: number;
  dialScheme: DialScheme;
  /** Main checks the number may be called now and records the dial; true when the phone may ring. */
  onDial(number: string): Promise<boolean>;
  /** When the rep dialled this lead (ISO, main's clock), for the call timer. */
  dialedAt: string | null;
  /** The number of the call running (E.164), marked on screen. */
  dialedNumber?: string | null;
  /** Main's clock minus this window's. */
  clockOffset: number;
  /** The number the queue offers (first good one under its daily cap), E.164. */
  offered: string;
  /** The call button, so the C key follows the very link a click would. */
  callButton?: Ref<HTMLAnchorElement>;
  /** The built-in softphone's progress, shown in place of the link's timer. */
  callStatus?: ReactNode;
}

export function LeadPanel({ card, nowMs, dialScheme, onDial, dialedAt, dialedNumber = null, clockOffset, offered, callButton, callStatus }: LeadPanelProps) {
  const { lead, phones } = card;
  // The link is followed only once main has said this number may be called now and has the
  // attempt on record: a lead marked do-not-call since it was shown never rings.
  const dial = (number: string) => (event: MouseEvent<HTMLAnchorElement>) => {
    event.preventDefault();
    void onDial(number).then((allowed) => {
      if (allowed) followLink(dialLink(dialScheme, number));
    });
  };
  const time = localTime(lead.timeZone, nowMs);
  const hour = lead.timeZone ? localHour(lead.timeZone, nowMs) : null;
  const callable = hour !== null && hour >= 8 && hour < 20;

  return (
    <section className="panel lead-panel" aria-label="Lead">
      <h1 className="lead-name">{`${lead.firstName} ${lead.lastName}`.trim() || 'Unnamed lead'}</h1>
      <p className="lead-role">{[lead.title, lead.company].filter(Boolean).join(' · ') || '—'}</p>

      <p className="local-time" data-testid="local-time">
        <span className={`light ${hour === null ? 'unknown' : callable ? 'ok' : 'closed'}`} aria-hidden="true" />
        {time ? `${time} local (${lead.timeZone})` : 'Local time unknown'}
      </p>

      <ul className="phones" aria-label="Phone numbers">
        {phones.map((phone) => (
          <li key={phone.id} className={phone.bad || !phone.e164 ? 'bad' : ''}>
            <span className="phone-type">{phone.type}</span>
            {phone.e164 && !phone.bad ? (
              <a
                className="phone-number"
                href={dialLink(dialScheme, phone.e164)}
                title={`Call this ${phone.type} number${phone.e164 === offered ? ' (C)' : ''}: the call is logged to it`}
                aria-current={dialedAt && phone.e164 === dialedNumber ? 'true' : undefined}
                onClick={dial(phone.e164)}
              >
                {phone.e164}
              </a>
            ) : (
              <span className="phone-number">{phone.e164 ?? phone.raw}</span>
            )}
            {!phone.e164 && <span className="tag warn">not a valid number</span>}
            {phone.bad && phone.e164 && <span className="tag warn">bad number</span>}
          </li>
        ))}
      </ul>

      {offered && !dialedAt && !lead.doNotCall && (
        <a ref={callButton} className="call-button" href={dialLink(dialScheme, offered)} onClick={dial(offered)} aria-keyshortcuts="c">
          Call {offered} <kbd>C</kbd>
        </a>
      )}
      {callStatus ?? (dialedAt && <CallTimer since={dialedAt} clockOffset={clockOffset} number={dialedNumber} />)}

      <dl className="facts">
        <dt>Stage</dt>
        <dd>
          <span className={`stage stage-${lead.stage}`} data-testid="stage">
            {STAGE_LABELS[lead.stage]}
          </span>
        </dd>
        <dt>Source</dt>
        <dd>{lead.source ?? '—'}</dd>
        <dt>Email</dt>
        <dd className="email">{lead.email ?? '—'}</dd>
        <dt>Score</dt>
        <dd>{lead.score}</dd>
        <dt>Attempts</dt>
        <dd>
          {lead.attempts}
          {lead.lastDisposition ? ` · last: ${lead.lastDisposition}` : ''}
        </dd>
      </dl>

      <p className="flags">
        {lead.requestedCall && <span className="tag hot">Asked for a call</span>}
        {lead.doNotCall && <span className="tag warn">Do not call</span>}
      </p>
    </section>
  );
}

/**
 * Hands the link to the softphone the way a click on it would (in the desktop app, through the
 * shell's dial guard): a link in the page, clicked, then gone.
 */
function followLink(href: string): void {
  const link = document.createElement('a');
  link.href = href;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
}

/** How long the rep has been on this call, to the second. */
function CallTimer({ since, clockOffset, number }: { since: string; clockOffset: number; number: string | null }) {
  const [now, setNow] = useState(() => Date.now() + clockOffset);
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now() + clockOffset), 1000);
    return () => clearInterval(timer);
  }, [clockOffset]);
  const seconds = Math.max(0, Math.floor((now - Date.parse(since)) / SECOND_MS));
  return (
    <p className="call-timer" role="timer" aria-label="Time on this call">
      On call {Math.floor(seconds / 60)}:{String(seconds % 60).padStart(2, '0')}
      {number ? ` · ${number}` : ''}
    </p>
  );
}
