import { describe, expect, it } from 'vitest';
import { checkTeamAddress } from '../../shared/team-address.ts';

describe('the team server address a rep types', () => {
  it('takes an https address, trimmed, as its origin', () => {
    expect(checkTeamAddress('  https://Team.Example.com/ ')).toEqual({ ok: true, address: 'https://team.example.com' });
    expect(checkTeamAddress('https://team.example.com:8443')).toEqual({ ok: true, address: 'https://team.example.com:8443' });
  });

  it('takes plain http only to this computer', () => {
    expect(checkTeamAddress('http://127.0.0.1:4318')).toEqual({ ok: true, address: 'http://127.0.0.1:4318' });
    expect(checkTeamAddress('http://localhost:4318')).toEqual({ ok: true, address: 'http://localhost:4318' });
    expect(checkTeamAddress('http://[::1]:4318')).toEqual({ ok: true, address: 'http://[::1]:4318' });
    expect(checkTeamAddress('http://team.example.com')).toEqual({ ok: false, message: expect.stringContaining('must be reached with https://') });
    expect(checkTeamAddress('http://192.168.1.20:4318')).toEqual({ ok: false, message: expect.stringContaining('must be reached with https://') });
    // A name that merely starts like loopback is another computer.
    expect(checkTeamAddress('http://127.0.0.1.example.com')).toMatchObject({ ok: false });
  });

  it('refuses other schemes, credentials, paths, queries and fragments, each with its sentence', () => {
    expect(checkTeamAddress('')).toEqual({ ok: false, message: 'Type the team server’s address, such as https://team.example.com.' });
    expect(checkTeamAddress('team.example.com')).toEqual({ ok: false, message: expect.stringContaining('is not an address') });
    expect(checkTeamAddress('ftp://team.example.com')).toEqual({ ok: false, message: expect.stringContaining('starts with https://') });
    expect(checkTeamAddress('javascript:alert(1)')).toMatchObject({ ok: false });
    expect(checkTeamAddress('file:///etc/passwd')).toMatchObject({ ok: false });
    expect(checkTeamAddress('https://sam:secret@team.example.com')).toEqual({ ok: false, message: expect.stringContaining('Leave your name and password out') });
    for (const tail of ['/api', '/?x=1', '/#token=1']) {
      expect(checkTeamAddress(`https://team.example.com${tail}`)).toEqual({ ok: false, message: expect.stringContaining('without a path') });
    }
  });
});
