import { parseDialLink } from '../../shared/dial-link.ts';

/**
 * The one road from the app to the operating system's URL handler. Only a dial link
 * (tel:, sip: or callto: followed by an E.164 number) is handed on; everything else is refused,
 * so no string from a lead list or a page can launch a program or open a website.
 */
export function openDialLinkOnly(url: string, openExternal: (url: string) => Promise<void>, mayDial: (e164: string) => boolean = () => true): boolean {
  const link = parseDialLink(url);
  if (!link) return false;
  // The core must just have accepted a dial of this number (do-not-call, hours and caps checked
  // at that instant): a link that skipped the check never reaches the softphone.
  if (!mayDial(link.e164)) return false;
  void openExternal(`${link.scheme}:${link.e164}`).catch(() => undefined);
  return true;
}
