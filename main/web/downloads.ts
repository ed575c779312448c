import { randomBytes } from 'node:crypto';
import type { ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { LeadExportResult } from '../../shared/lead-export.ts';
import type { LeadExport } from '../leads/export-leads.ts';
import { MINUTE_MS } from '../../shared/time-units.ts';

/**
 * Downloads the web host streams. A browser's download cannot carry the API token in a header,
 * so `leads.export` (a call that did carry it) hands out a ticket instead: 192 random bits, good
 * for one download within a minute, in the path of a same-origin link. The file is read from the
 * store as the browser takes it, so a million leads never sit in memory, and the browser writes
 * them to disk itself.
 */
export interface Downloads {
  offer(file: LeadExport): Promise<LeadExportResult>;
  /** Streams the ticket's file, or returns false when there is no such ticket (any more). */
  serve(ticket: string, response: ServerResponse, headers: Record<string, string>): Promise<boolean>;
}

export const DOWNLOAD_PATH = '/download/';
const TICKET_LIFETIME_MS = MINUTE_MS;

export function createDownloads(now: () => number = Date.now): Downloads {
  const tickets = new Map<string, { file: LeadExport; expiresAt: number }>();
  const forget = () => {
    for (const [ticket, { expiresAt }] of tickets) if (expiresAt <= now()) tickets.delete(ticket);
  };
  return {
    offer(file) {
      forget();
      const ticket = randomBytes(24).toString('base64url');
      tickets.set(ticket, { file, expiresAt: now() + TICKET_LIFETIME_MS });
      return Promise.resolve({ kind: 'download', url: `${DOWNLOAD_PATH}${ticket}`, fileName: file.fileName, leads: file.leads });
    },
    async serve(ticket, response, headers) {
      forget();
      const entry = tickets.get(ticket);
      if (!entry) return false;
      tickets.delete(ticket);
      const { file } = entry;
      response.writeHead(200, {
        ...headers,
        'Content-Type': `${file.mimeType}; charset=utf-8`,
        'Content-Disposition': `attachment; filename="${file.fileName.replace(/[^\w.-]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        'Cache-Control': 'no-store',
      });
      // A failure midway cuts the connection, so the browser shows a failed download, never a short file.
      await pipeline(Readable.from(file.chunks(), { objectMode: false }), response).catch(() => response.destroy());
      return true;
    },
  };
}
