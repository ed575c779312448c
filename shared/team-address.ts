/**
 * The team server a desktop console joins, as the rep types it. Over a network only https://
 * will do (the rep's password and session travel on it); plain http:// only to this computer,
 * where nothing crosses a wire. The answer is the origin alone: a path, a query or a user name in
 * the address would be somewhere for a wrong or hostile address to hide.
 */
export type TeamAddressCheck = { ok: true; address: string } | { ok: false; message: string };

/** The WHATWG URL parser, a global in the browser and in Node alike; shared/ compiles without either's library. */
declare const URL: new (text: string) => { protocol: string; hostname: string; username: string; password: string; pathname: string; search: string; hash: string; origin: string };

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);
const EXAMPLE = 'such as https://team.example.com';

export function checkTeamAddress(text: string): TeamAddressCheck {
  const typed = text.trim();
  if (!typed) return { ok: false, message: `Type the team server’s address, ${EXAMPLE}.` };
  let url: InstanceType<typeof URL>;
  try {
    url = new URL(typed);
  } catch {
    return { ok: false, message: `“${typed.slice(0, 80)}” is not an address: type it whole, ${EXAMPLE}.` };
  }
  if (url.protocol === 'http:' && !LOOPBACK_HOSTS.has(url.hostname)) {
    return { ok: false, message: 'A team server on another computer must be reached with https://, so that passwords and calls cross the network encrypted.' };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return { ok: false, message: `A team server’s address starts with https://, ${EXAMPLE}.` };
  if (url.username || url.password) return { ok: false, message: 'Leave your name and password out of the address: you sign in once the console has joined.' };
  if (url.pathname !== '/' || url.search || url.hash) return { ok: false, message: `Give the server’s address alone, without a path or anything after it, ${EXAMPLE}.` };
  return { ok: true, address: url.origin };
}
