import { readFileSync } from 'node:fs';
import { isIP } from 'node:net';
import { UsageError } from '../runtime-options.ts';

export const DEFAULT_TEAM_LISTEN = '127.0.0.1:4318';

export interface ListenAddress {
  host: string;
  port: number;
}

export interface TeamServeOptions {
  database: string;
  listen: ListenAddress;
  tls?: { cert: Buffer; key: Buffer } | undefined;
  /** A sentence to print when the options are allowed but unwise (plain HTTP on a network). */
  warning: string | null;
}

/** `HOST:PORT`, `[IPv6]:PORT` or `:PORT` (every address). */
export function parseListen(value: string): ListenAddress {
  const match = /^(?:\[([0-9a-fA-F:.]+)\]|([^:[\]]*)):(\d{1,5})$/.exec(value.trim());
  const port = Number(match?.[3]);
  if (!match || port > 65535) throw new UsageError(`--listen expects HOST:PORT such as 0.0.0.0:443 or [::1]:4318, not "${value}".`);
  return { host: match[1] ?? (match[2] || '0.0.0.0'), port };
}

export function isLoopback(host: string): boolean {
  if (host === 'localhost') return true;
  if (isIP(host) === 4) return host.startsWith('127.');
  return host === '::1';
}

/** The database URL, where to listen, TLS: checked whole before anything opens. */
export function teamServeOptions(values: { database?: string | undefined; listen?: string | undefined; 'tls-cert'?: string | undefined; 'tls-key'?: string | undefined; 'insecure-lan'?: boolean | undefined }): TeamServeOptions {
  const database = checkDatabase(values.database);
  const listen = parseListen(values.listen ?? DEFAULT_TEAM_LISTEN);
  const certFile = values['tls-cert'];
  const keyFile = values['tls-key'];
  if ((certFile === undefined) !== (keyFile === undefined)) throw new UsageError('TLS needs both --tls-cert and --tls-key (PEM files).');
  const tls = certFile && keyFile ? { cert: readPem(certFile, '--tls-cert'), key: readPem(keyFile, '--tls-key') } : undefined;
  let warning: string | null = null;
  if (!tls && !isLoopback(listen.host)) {
    if (!values['insecure-lan']) {
      throw new UsageError(
        `Refusing to serve plain HTTP on ${listen.host}: passwords and every lead's details would cross the network in clear. Give --tls-cert and --tls-key, or listen on 127.0.0.1 behind a TLS proxy, or add --insecure-lan on a network you trust.`,
      );
    }
    warning = `Warning: plain HTTP on ${listen.host} (--insecure-lan). Passwords, session cookies and leads cross the network unencrypted; anyone on it can read them.`;
  }
  return { database, listen, tls, warning };
}

export function checkDatabase(database: string | undefined): string {
  if (!database) throw new UsageError('--database is required: the team database, such as postgres://nextcall@db.example.com/team.');
  if (!/^postgres(ql)?:\/\//.test(database)) throw new UsageError(`--database expects a PostgreSQL URL (postgres://user@host/database), not "${database.slice(0, 80)}".`);
  return database;
}

function readPem(file: string, flag: string): Buffer {
  let content: Buffer;
  try {
    content = readFileSync(file);
  } catch (error) {
    throw new UsageError(`${flag}: cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? 'error'}).`);
  }
  if (!content.includes('-----BEGIN')) throw new UsageError(`${flag}: ${file} is not a PEM file.`);
  return content;
}
