import { describe, expect, it } from 'vitest';
import { dialLink, isE164, parseDialLink } from '../../shared/dial-link.ts';

describe('dial links', () => {
  it('are made from a scheme and an E.164 number, and read back the same', () => {
    expect(dialLink('sip', '+12125550100')).toBe('sip:+12125550100');
    expect(parseDialLink(dialLink('callto', '+442079460123'))).toEqual({ scheme: 'callto', e164: '+442079460123' });
  });

  it('refuse a number that is not E.164', () => {
    expect(isE164('+12125550100')).toBe(true);
    expect(isE164('2125550100')).toBe(false);
    expect(() => dialLink('tel', '(212) 555-0100')).toThrow(/Not an E.164/);
  });
});
