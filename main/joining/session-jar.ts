import { SECOND_MS } from '../../shared/time-units.ts';
/**
 * The team server's cookies, as main keeps them for a joined console: in main's memory (never
 * handed to the page; on disk only sealed by the keychain, kept-session.ts), each until the moment
 * the server's Max-Age or Expires names, a cookie sent again empty or already expired deleted.
 * `Secure` cookies are only ever sent back over https.
 */
export interface SessionJar {
  /** Takes the response's Set-Cookie lines. */
  take(setCookies: readonly string[], now: number): void;
  /** The Cookie header for a request to the server, or null when nothing is kept. */
  header(now: number, overHttps: boolean): string | null;
  /**
   * The cookies that may outlive the app: those with an expiry, not yet reached. One without
   * (a browser's "session cookie") ends when the app quits, as it would in a browser.
   */
  lasting(now: number): KeptCookie[];
  /** Puts back what `lasting` gave before a restart (the expired left out). */
  restore(cookies: readonly KeptCookie[], now: number): void;
  clear(): void;
}

export interface KeptCookie {
  name: string;
  value: string;
  expiresAt: number;
  secure: boolean;
}

type Kept = Omit<KeptCookie, 'name'>;

export function sessionJar(): SessionJar {
  const kept = new Map<string, Kept>();
  return {
    take(setCookies, now) {
      for (const line of setCookies) {
        const [pair = '', ...attributes] = line.split(';');
        const equals = pair.indexOf('=');
        if (equals <= 0) continue;
        const name = pair.slice(0, equals).trim();
        const value = pair.slice(equals + 1).trim();
        const cookie: Kept = { value, expiresAt: Number.POSITIVE_INFINITY, secure: false };
        for (const attribute of attributes) {
          const [key = '', ...rest] = attribute.split('=');
          const setting = rest.join('=').trim();
          const lower = key.trim().toLowerCase();
          if (lower === 'max-age' && /^-?\d+$/.test(setting)) cookie.expiresAt = now + Number(setting) * SECOND_MS;
          // Max-Age wins over Expires (RFC 6265, 5.3), whichever comes first on the line.
          else if (lower === 'expires' && cookie.expiresAt === Number.POSITIVE_INFINITY && !attributes.some((a) => /^\s*max-age=/i.test(a))) {
            const at = Date.parse(setting);
            if (!Number.isNaN(at)) cookie.expiresAt = at;
          } else if (lower === 'secure') cookie.secure = true;
        }
        if (!value || cookie.expiresAt <= now) kept.delete(name);
        else kept.set(name, cookie);
      }
    },
    header(now, overHttps) {
      const pairs: string[] = [];
      for (const [name, cookie] of kept) {
        if (cookie.expiresAt <= now) kept.delete(name);
        else if (overHttps || !cookie.secure) pairs.push(`${name}=${cookie.value}`);
      }
      return pairs.length ? pairs.join('; ') : null;
    },
    lasting: (now) => [...kept].filter(([, cookie]) => Number.isFinite(cookie.expiresAt) && cookie.expiresAt > now).map(([name, cookie]) => ({ name, ...cookie })),
    restore(cookies, now) {
      for (const { name, value, expiresAt, secure } of cookies) if (value && Number.isFinite(expiresAt) && expiresAt > now) kept.set(name, { value, expiresAt, secure });
    },
    clear: () => kept.clear(),
  };
}
