/**
 * The renderer's Content Security Policy: its own scripts and styles only, no inline code, no
 * plugins, no framing, and network calls to its own origin only (the web host's API).
 * The Electron window gets it from the meta tag in index.html; the web host sends it as a header.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  // A recorded call plays in an <audio> from a blob: the page made of bytes the API returned.
  "media-src 'self' blob:",
  "connect-src 'self' wss: ws://127.0.0.1:* ws://localhost:*",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');
