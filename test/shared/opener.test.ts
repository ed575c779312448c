import { describe, expect, it } from 'vitest';
import type { Activity } from '../../shared/leads.ts';
import { openerFor } from '../../shared/opener.ts';

const activity = (type: Activity['type'], title: string, occurredAt: string): Activity => ({ id: 1, type, title, url: null, occurredAt });

describe('the opener', () => {
  it('starts from what the lead did last', () => {
    expect(openerFor({ firstName: 'Ada' }, [activity('ebook-download', 'Ebook: The 2026 Guide to Outbound Prospecting', '2026-11-20T10:00:00Z')])).toBe(
      'Hi Ada, I see you downloaded our guide "The 2026 Guide to Outbound Prospecting" — what were you looking for help with?',
    );
  });

  it('speaks of a call or demo request before any page the lead browsed afterwards', () => {
    const newestFirst = [activity('pricing-visit', '/pricing', '2026-11-21T10:00:00Z'), activity('demo-request', 'Request a demo', '2026-11-20T10:00:00Z')];
    expect(openerFor({ firstName: 'Ada' }, newestFirst)).toBe('Hi Ada, you asked for a demo — what would you most like to see?');
  });

  it('has a plain opener for a lead with no activity and no first name', () => {
    expect(openerFor({ firstName: '' }, [])).toBe('Hi there, thanks for picking up — do you have two minutes?');
  });
});
