import { describe, expect, it } from 'vitest';
import { openDialLinkOnly } from '../../../main/shell/dial-guard.ts';

describe('the dial guard in front of shell.openExternal', () => {
  const opened: string[] = [];
  const open = async (url: string) => void opened.push(url);

  it('hands a tel:, sip: or callto: link with an E.164 number to the system', () => {
    opened.length = 0;
    expect(openDialLinkOnly('tel:+12125550100', open)).toBe(true);
    expect(openDialLinkOnly('sip:+442079460123', open)).toBe(true);
    expect(openDialLinkOnly('callto:+33199001234', open)).toBe(true);
    expect(opened).toEqual(['tel:+12125550100', 'sip:+442079460123', 'callto:+33199001234']);
  });

  it('refuses everything else: websites, files, programs, and numbers that are not E.164', () => {
    opened.length = 0;
    for (const url of [
      'https://evil.example/',
      'file:///etc/passwd',
      'ms-msdt:/id PCWDiagnostic',
      'tel:2125550100',
      'tel:+1 212 555 0100',
      'tel:+12125550100?body=x',
      'tel:+12125550100\nhttps://evil.example',
      'TEL:+12125550100',
      'sip:alice@evil.example',
      'tel:+0123456789',
      'tel:+1234567890123456',
    ]) {
      expect(openDialLinkOnly(url, open), url).toBe(false);
    }
    expect(opened).toEqual([]);
  });

  it('hands on a link only for a number the core has just accepted a dial of', () => {
    opened.length = 0;
    const accepted = new Set(['+12125550100']);
    expect(openDialLinkOnly('tel:+12125550100', open, (n) => accepted.has(n))).toBe(true);
    expect(openDialLinkOnly('tel:+12125550199', open, (n) => accepted.has(n))).toBe(false);
    expect(opened).toEqual(['tel:+12125550100']);
  });
});
