import { describe, expect, it } from 'vitest';
import { phoneSettingsStore, preferencesPhoneRecord } from '../../../main/phone/phone-settings.ts';
import { phoneKeyWarning, teamPhoneKeyBox } from '../../../main/phone/team-phone-key.ts';
import { memoryFile, preferenceStore } from '../../../main/preferences/preferences.ts';

const KEY = 'a1'.repeat(32);
const setUp = { mode: 'softphone', server: 'wss://pbx.example.com:8089/ws', user: '1001', domain: 'pbx.example.com' } as const;

describe("the team server's phone key", () => {
  it('warns at start when the key is missing or malformed, and says nothing when it is usable', () => {
    expect(phoneKeyWarning(KEY)).toBeNull();
    expect(phoneKeyWarning(` ${KEY.toUpperCase()}\n`)).toBeNull();
    expect(phoneKeyWarning(undefined)).toMatch(/NEXTCALL_PHONE_KEY is not set, so this server keeps no phone passwords/);
    expect(phoneKeyWarning('')).toMatch(/is not set/);
    expect(phoneKeyWarning('abc123')).toMatch(/NEXTCALL_PHONE_KEY must be 64 hex digits \(openssl rand -hex 32\); it is not/);
  });

  it('tells a rep whose password was sealed under another key that the team server cannot read it, not "this computer"', async () => {
    const file = memoryFile();
    await phoneSettingsStore(preferencesPhoneRecord(preferenceStore(file)), teamPhoneKeyBox(KEY)).save({ ...setUp, password: 'pw' });
    const afterKeyChange = phoneSettingsStore(preferencesPhoneRecord(preferenceStore(file)), teamPhoneKeyBox('b2'.repeat(32)));
    await expect(afterKeyChange.account()).rejects.toThrow('The saved phone password cannot be read by the team server (its phone key is missing or was changed): enter it again in Settings → Phone.');
    const withoutKey = phoneSettingsStore(preferencesPhoneRecord(preferenceStore(file)), teamPhoneKeyBox(undefined));
    await expect(withoutKey.account()).rejects.toThrow(/cannot be read by the team server/);
  });
});
