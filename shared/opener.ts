import type { Activity, Lead } from './leads.ts';

/**
 * The first sentence after hello, from what the lead did last: "I see you downloaded our guide
 * on X — what were you looking for help with?" A lead who asked for a call or a demo hears about
 * that first, whatever they browsed since. Plain text; the console renders it as text.
 *
 * @param activities newest first
 */
export function openerFor(lead: Pick<Lead, 'firstName'>, activities: readonly Activity[]): string {
  const latest = activities.find((a) => a.type === 'call-request' || a.type === 'demo-request') ?? activities[0];
  const name = lead.firstName || 'there';
  if (!latest) return `Hi ${name}, thanks for picking up — do you have two minutes?`;
  const title = stripPrefix(latest.title);
  switch (latest.type) {
    case 'call-request':
      return `Hi ${name}, you asked us to give you a call — what prompted it?`;
    case 'demo-request':
      return `Hi ${name}, you asked for a demo — what would you most like to see?`;
    case 'pricing-visit':
      return `Hi ${name}, I see you were looking at our pricing — what are you comparing us with?`;
    case 'product-visit':
      return `Hi ${name}, I see you looked at ${title} — what caught your eye?`;
    case 'webinar':
      return `Hi ${name}, thanks for joining our webinar "${title}" — what did you want to get out of it?`;
    case 'ebook-download':
      return `Hi ${name}, I see you downloaded our guide "${title}" — what were you looking for help with?`;
    default:
      return `Hi ${name}, I see you visited ${title} — what were you looking for?`;
  }
}

/** "Ebook: The 2026 Guide" → "The 2026 Guide". */
function stripPrefix(title: string): string {
  return title.replace(/^(ebook|e-book|webinar|report|checklist|template|guide)\s*:\s*/i, '');
}
