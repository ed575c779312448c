import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { phoneSettingsStore, preferencesPhoneRecord } from '../../../main/phone/phone-settings.ts';
import { privateKeyFileBox } from '../../../main/phone/secret-box.ts';
import { memoryFile, preferenceStore } from '../../../main/preferences/preferences.ts';
import { tempDir } from '../../helpers/test-core.ts';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');
const setUp = { mode: 'softphone', server: 'wss://pbx.example.com:8089/ws', user: '1001', domain: 'pbx.example.com' } as const;

function phoneStore() {
  const file = memoryFile();
  const dataDir = tempDir();
  return { file, dataDir, phone: phoneSettingsStore(preferencesPhoneRecord(preferenceStore(file)), privateKeyFileBox(dataDir)) };
}

describe('the phone settings', () => {
  it('keep the password as its sealed digest for the realm: never the password, in the file or in any answer', async () => {
    const { file, dataDir, phone } = phoneStore();
    const view = await phone.save({ ...setUp, password: 'correct horse' });
    expect(view).toMatchObject({ hasPassword: true, protection: 'private-key-file' });
    expect(JSON.stringify(view)).not.toContain('correct horse');

    const stored = JSON.stringify(file.get('phone'));
    expect(stored).not.toContain('correct horse');
    const digest = md5('1001:pbx.example.com:correct horse');
    expect(stored).not.toContain(digest);
    // The key that seals it sits apart, for this user only.
    expect(readFileSync(join(dataDir, 'phone-secret.key')).length).toBe(32);

    expect(await phone.account()).toEqual({ server: setUp.server, uri: 'sip:1001@pbx.example.com', authorizationUser: '1001', realm: 'pbx.example.com', ha1: digest, displayName: '' });
  });

  it('make the digest for the realm and authentication user given, when they differ from the domain and the user', async () => {
    const { phone } = phoneStore();
    await phone.save({ ...setUp, realm: 'asterisk', authUser: 'rep-1001', password: 'pw' });
    expect(await phone.account()).toMatchObject({ realm: 'asterisk', authorizationUser: 'rep-1001', ha1: md5('rep-1001:asterisk:pw') });
  });

  it('drop the digest when the user or realm changes: it could not answer for them', async () => {
    const { phone } = phoneStore();
    await phone.save({ ...setUp, password: 'pw' });
    expect((await phone.save({ user: '1002' })).hasPassword).toBe(false);
    expect(await phone.account()).toBeNull();
  });

  it('keep the digest when other settings change', async () => {
    const { phone } = phoneStore();
    await phone.save({ ...setUp, password: 'pw' });
    expect((await phone.save({ ringsBeforeNoAnswer: 3, callerId: 'Sam' })).hasPassword).toBe(true);
    expect((await phone.account())?.ha1).toBe(md5('1001:pbx.example.com:pw'));
  });

  it('give no account while the softphone is off or the password missing', async () => {
    const { phone } = phoneStore();
    await phone.save({ ...setUp, mode: 'link', password: 'pw' });
    expect(await phone.account()).toBeNull();
    await phone.save({ mode: 'softphone' });
    expect(await phone.account()).not.toBeNull();
    const fresh = phoneStore().phone;
    await fresh.save(setUp);
    expect(await fresh.account()).toBeNull();
  });

  it('refuse a password before the user and domain it is a digest of, in a sentence', async () => {
    const { phone } = phoneStore();
    await expect(phone.save({ password: 'pw' })).rejects.toThrow('Give the SIP user and domain before the password');
  });

  it('say when the sealed digest cannot be opened here (the key file is another machine’s)', async () => {
    const { file, phone } = phoneStore();
    await phone.save({ ...setUp, password: 'pw' });
    const elsewhere = phoneSettingsStore(preferencesPhoneRecord(preferenceStore(file)), privateKeyFileBox(tempDir()));
    await expect(elsewhere.account()).rejects.toThrow('The saved phone password cannot be read on this computer');
  });

  it('fall back to the defaults, setting by setting, for a hand-edited file', async () => {
    const { file, phone } = phoneStore();
    file.set('phone', { mode: 'softphone', ringsBeforeNoAnswer: 'many', user: '<b>', server: 'wss://pbx.example.com/ws' });
    expect(await phone.view()).toMatchObject({ mode: 'softphone', ringsBeforeNoAnswer: 5, user: '', server: 'wss://pbx.example.com/ws', hasPassword: false });
  });

  it('save again after a password was given once (the settings round-trip as the form sends them)', async () => {
    const { phone } = phoneStore();
    const { hasPassword: _h, protection: _p, ...settings } = await phone.save({ ...setUp, password: 'pw' });
    expect((await phone.save({ ...settings, password: 'other' })).hasPassword).toBe(true);
    expect((await phone.account())?.ha1).toBe(md5('1001:pbx.example.com:other'));
  });
});
