/**
 * The sign-in session's cookie. HttpOnly: the page's scripts never see the token, so an injected
 * script cannot carry it off. SameSite=Strict: another site's page cannot make the browser send
 * it (no cross-site request forgery). Secure under TLS: never sent in clear once TLS is on.
 */
export const SESSION_COOKIE = 'nextcall_session';

export function sessionCookie(token: string, maxAgeSeconds: number, secure: boolean): string {
  return [`${SESSION_COOKIE}=${token}`, 'Path=/', `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`, 'HttpOnly', 'SameSite=Strict', ...(secure ? ['Secure'] : [])].join('; ');
}

export function clearedSessionCookie(secure: boolean): string {
  return sessionCookie('', 0, secure);
}

/** The session token a Cookie header carries, or null. */
export function sessionTokenOf(cookieHeader: string | undefined): string | null {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === SESSION_COOKIE) {
      const token = value.join('=');
      // Tokens are base64url (sign-in.ts); anything else is nobody's session.
      return /^[\w-]{20,100}$/.test(token) ? token : null;
    }
  }
  return null;
}
