import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isLoopback, parseListen, teamServeOptions } from '../../../main/team/team-options.ts';
import { tempDir } from '../../helpers/test-core.ts';

const database = 'postgres://nextcall@db.example.com/team';

describe('the team server’s start options', () => {
  it('reads where to listen: an address and port, an IPv6 address in brackets, or every address', () => {
    expect(parseListen('0.0.0.0:443')).toEqual({ host: '0.0.0.0', port: 443 });
    expect(parseListen('[::1]:4318')).toEqual({ host: '::1', port: 4318 });
    expect(parseListen(':8443')).toEqual({ host: '0.0.0.0', port: 8443 });
    expect(() => parseListen('4318')).toThrow('--listen expects HOST:PORT such as 0.0.0.0:443 or [::1]:4318, not "4318".');
    expect(() => parseListen('host:99999')).toThrow('--listen expects HOST:PORT');
  });

  it('knows loopback from the network', () => {
    expect(['127.0.0.1', '127.9.9.9', '::1', 'localhost'].map(isLoopback)).toEqual([true, true, true, true]);
    expect(['0.0.0.0', '192.168.1.10', '::', 'team.example.com'].map(isLoopback)).toEqual([false, false, false, false]);
  });

  it('serves loopback by default, and plain HTTP off loopback only with --insecure-lan and a warning', () => {
    expect(teamServeOptions({ database })).toEqual({ database, listen: { host: '127.0.0.1', port: 4318 }, tls: undefined, warning: null });
    expect(() => teamServeOptions({ database, listen: '192.168.1.10:80' })).toThrow(/^Refusing to serve plain HTTP on 192\.168\.1\.10/);
    expect(teamServeOptions({ database, listen: '192.168.1.10:80', 'insecure-lan': true }).warning).toMatch(/^Warning: plain HTTP on 192\.168\.1\.10/);
  });

  it('takes TLS from a certificate and a key, both PEM, and then any address', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'cert.pem'), '-----BEGIN CERTIFICATE-----\n');
    writeFileSync(join(dir, 'key.pem'), '-----BEGIN PRIVATE KEY-----\n');
    writeFileSync(join(dir, 'not.pem'), 'hello');
    const tls = teamServeOptions({ database, listen: '0.0.0.0:443', 'tls-cert': join(dir, 'cert.pem'), 'tls-key': join(dir, 'key.pem') });
    expect(tls.warning).toBeNull();
    expect(tls.tls?.cert.toString()).toContain('BEGIN CERTIFICATE');
    expect(() => teamServeOptions({ database, 'tls-cert': join(dir, 'cert.pem') })).toThrow('TLS needs both --tls-cert and --tls-key (PEM files).');
    expect(() => teamServeOptions({ database, 'tls-cert': join(dir, 'not.pem'), 'tls-key': join(dir, 'key.pem') })).toThrow(`--tls-cert: ${join(dir, 'not.pem')} is not a PEM file.`);
    expect(() => teamServeOptions({ database, 'tls-cert': join(dir, 'gone.pem'), 'tls-key': join(dir, 'key.pem') })).toThrow('(ENOENT)');
  });

  it('needs a PostgreSQL database URL', () => {
    expect(() => teamServeOptions({})).toThrow(/^--database is required/);
    expect(() => teamServeOptions({ database: '/tmp/leads.db' })).toThrow('--database expects a PostgreSQL URL (postgres://user@host/database), not "/tmp/leads.db".');
  });
});
