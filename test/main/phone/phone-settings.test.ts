import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { phoneSettingsStore } from '../../../main/phone/phone-settings.ts';
import { privateKeyFileBox } from '../../../main/phone/secret-box.ts';
import { memoryFile, preferenceStore } from '../../../main/preferences/preferences.ts';
import { tempDir } from '../../helpers/test-core.ts';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const setUp = { mode: 'softphone', server: 'wss://pbx.example.com:8089/ws', user: '1001', domain: 'pbx.example.com' } as const;

function phoneStore() {
  const file = memoryFile();
  const dataDir = tempDir();
  return { file, dataDir, phone: phoneSettingsStore(preferenceStore(file), privateKeyFileBox(dataDir)) };
}

describe('the phone settings', () => {
  it('keep the password as its sealed digest for the realm: never the password, in the file or in any answer', () => {
    const { file, dataDir, phone } = phoneStore();
    const view = phone.save({ ...setUp, password: 'correct horse' });
    expect(view).toMatchObject({ hasPassword: true, protection: 'private-key-file' });
    expect(JSON.stringify(view)).not.toContain('correct horse');

    const stored = JSON.stringify(file.get('phone'));
    expect(stored).not.toContain('correct horse');
    const digest = md5('1001:pbx.example.com:correct horse');
    expect(stored).not.toContain(digest);
    // The key that seals it sits apart, for this user only.
    expect(readFileSync(join(dataDir, 'phone-secret.key')).length).toBe(32);

    expect(phone.account()).toEqual({ server: setUp.server, uri: 'sip:1001@pbx.example.com', authorizationUser: '1001', realm: 'pbx.example.com', ha1: digest, displayName: '' });
  });

  it('make the digest for the realm and authentication user given, when they differ from the domain and the user', () => {
    const { phone } = phoneStore();
    phone.save({ ...setUp, realm: 'asterisk', authUser: 'rep-1001', password: 'pw' });
    expect(phone.account()).toMatchObject({ realm: 'asterisk', authorizationUser: 'rep-1001', ha1: md5('rep-1001:asterisk:pw') });
  });

  it('drop the digest when the user or realm changes: it could not answer for them', () => {
    const { phone } = phoneStore();
    phone.save({ ...setUp, password: 'pw' });
    expect(phone.save({ user: '1002' }).hasPassword).toBe(false);
    expect(phone.account()).toBeNull();
  });

  it('keep the digest when other settings change', () => {
    const { phone } = phoneStore();
    phone.save({ ...setUp, password: 'pw' });
    expect(phone.save({ ringsBeforeNoAnswer: 3, callerId: 'Sam' }).hasPassword).toBe(true);
    expect(phone.account()?.ha1).toBe(md5('1001:pbx.example.com:pw'));
  });

  it('give no account while the softphone is off or the password missing', () => {
    const { phone } = phoneStore();
    phone.save({ ...setUp, mode: 'link', password: 'pw' });
    expect(phone.account()).toBeNull();
    phone.save({ mode: 'softphone' });
    expect(phone.account()).not.toBeNull();
    const fresh = phoneStore().phone;
    fresh.save(setUp);
    expect(fresh.account()).toBeNull();
  });

  it('refuse a password before the user and domain it is a digest of, in a sentence', () => {
    const { phone } = phoneStore();
    expect(() => phone.save({ password: 'pw' })).toThrow('Give the SIP user and domain before the password');
  });

  it('say when the sealed digest cannot be opened here (the key file is another machine’s)', () => {
    const { file, phone } = phoneStore();
    phone.save({ ...setUp, password: 'pw' });
    const elsewhere = phoneSettingsStore(preferenceStore(file), privateKeyFileBox(tempDir()));
    expect(() => elsewhere.account()).toThrow('The saved phone password cannot be read on this computer');
  });

  it('fall back to the defaults, setting by setting, for a hand-edited file', () => {
    const { file, phone } = phoneStore();
    file.set('phone', { mode: 'softphone', ringsBeforeNoAnswer: 'many', user: '<b>', server: 'wss://pbx.example.com/ws' });
    expect(phone.view()).toMatchObject({ mode: 'softphone', ringsBeforeNoAnswer: 5, user: '', server: 'wss://pbx.example.com/ws', hasPassword: false });
  });

  it('save again after a password was given once (the settings round-trip as the form sends them)', () => {
    const { phone } = phoneStore();
    const { hasPassword: _h, protection: _p, ...settings } = phone.save({ ...setUp, password: 'pw' });
    expect(phone.save({ ...settings, password: 'other' }).hasPassword).toBe(true);
    expect(phone.account()?.ha1).toBe(md5('1001:pbx.example.com:other'));
  });
});
