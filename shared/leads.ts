import type { Stage } from './stages.ts';

export const LEAD_SOURCES = ['inbound', 'content', 'webinar', 'event', 'cold-list', 'referral'] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

export const PHONE_TYPES = ['mobile', 'work', 'home', 'other'] as const;
export type PhoneType = (typeof PHONE_TYPES)[number];

export const ACTIVITY_TYPES = [
  'call-request',
  'demo-request',
  'pricing-visit',
  'product-visit',
  'webinar',
  'ebook-download',
  'page-visit',
  'form',
] as const;
export type ActivityType = (typeof ACTIVITY_TYPES)[number];

export interface Phone {
  id: number;
  /** As written in the source file; kept even when it cannot be parsed. */
  raw: string;
  /** Normalised number, or null when the raw text is not a valid number. */
  e164: string | null;
  type: PhoneType;
  bad: boolean;
}

export interface Activity {
  id: number;
  type: ActivityType;
  title: string;
  url: string | null;
  /** ISO 8601 instant. */
  occurredAt: string;
}

export interface Lead {
  id: number;
  crmId: string | null;
  firstName: string;
  lastName: string;
  email: string | null;
  company: string | null;
  title: string | null;
  /** The rep or team the CRM assigns the lead to. */
  owner: string | null;
  stage: Stage;
  source: LeadSource | null;
  /** IANA zone, or null when nothing in the import told us. */
  timeZone: string | null;
  requestedCall: boolean;
  doNotCall: boolean;
  score: number;
  attempts: number;
  lastAttemptAt: string | null;
  lastDisposition: string | null;
  createdAt: string;
}

export interface CallLog {
  id: number;
  leadId: number;
  leadName: string;
  dispositionCode: string;
  dispositionLabel: string;
  phoneE164: string | null;
  notes: string;
  startedAt: string;
  /** From dialling to the disposition. */
  durationSeconds: number;
  stageBefore: Stage;
  stageAfter: Stage;
  rep: string | null;
  /** The script's answers, by question id. */
  answers: Record<string, string | number | boolean | string[]>;
  /** The disposition the agreed criteria recommended, and why the rep chose another. */
  recommended: string | null;
  reason: string | null;
}

export interface StageChange {
  from: Stage | null;
  to: Stage;
  reason: string;
  at: string;
  rep: string | null;
  callId: number | null;
}

/** Everything the call screen shows about one lead. */
export interface LeadCard {
  lead: Lead;
  phones: Phone[];
  /** Newest first. */
  activities: Activity[];
  /** Newest first. */
  calls: CallLog[];
  /** Every stage the lead has had, newest first. */
  stageHistory: StageChange[];
  /** The note a rep was typing for this lead and has not logged yet. */
  draft: string;
}

export type QueueTier = 'callback' | 'hand-raiser' | 'retry' | 'never-called' | 'rest';

/** The lead the queue offers now, and why it is first. */
export interface NextUp {
  card: LeadCard;
  tier: QueueTier;
  reasons: string[];
  /** The number to dial (E.164): the first good one still under its 24-hour cap. */
  number: string;
  /** The call this console has running on the lead (dialled, not logged yet): survives a reload. */
  openDial?: OpenDial | null;
}

/** A dial written before the phone rang, that no disposition has completed yet. */
export interface OpenDial {
  dialId: number;
  /** The number dialled, E.164. */
  number: string;
  /** When it was dialled (ISO, main's clock): the call's start. */
  at: string;
}

/** The lead a console showed and may no longer call, and why in words. */
export interface ReleasedLead {
  leadId: number;
  name: string;
  reasons: string[];
}

export interface QueueSnapshot {
  /** The core's clock when the snapshot was taken (ISO); the console's relative times use it. */
  now: string;
  next: NextUp | null;
  /** Leads whose turn has come in the zones open now (before per-lead checks), up to dueCapped. */
  due: number;
  dueCapped: number;
  /** Leads in the store. */
  total: number;
  /** When nothing can be called now: the next moment something can, and why. */
  nextEligible?: { at: string; reason: string } | null;
  /** The lead this console showed, when it may no longer be offered (marked do-not-call elsewhere, hours closed…). */
  released?: ReleasedLead;
}

export interface QueuePreview {
  now: string;
  next: { leadId: number; name: string; company: string | null; tier: QueueTier; reasons: string[]; number: string }[];
  waitingByTier: Record<QueueTier, number>;
}

export interface WhyNot {
  leadId: number;
  name: string;
  /** Every rule holding the lead back now; empty when the queue may offer it. */
  blockers: { rule: string; reason: string; until: string | null }[];
  /** When the queue will offer it if nothing changes; null when a rule holds it for good. */
  eligibleFrom: string | null;
}

export function fullName(lead: Pick<Lead, 'firstName' | 'lastName'>): string {
  return `${lead.firstName} ${lead.lastName}`.trim();
}
