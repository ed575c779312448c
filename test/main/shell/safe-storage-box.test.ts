import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { createDispatcher } from '../../../main/api/dispatch.ts';
import { createHandlers } from '../../../main/api/handlers.ts';
import { openCore } from '../../../main/core.ts';
import { phoneSettingsStore, preferencesPhoneRecord } from '../../../main/phone/phone-settings.ts';
import { privateKeyFileBox } from '../../../main/phone/secret-box.ts';
import { memoryFile, preferenceStore } from '../../../main/preferences/preferences.ts';
import { safeStorageBox, type KeychainApi } from '../../../main/shell/safe-storage-box.ts';
import { manualClock, tempDir } from '../../helpers/test-core.ts';

const PASSWORD = 'correct horse battery';
const DIGEST = createHash('md5').update(`1001:pbx.example.com:${PASSWORD}`).digest('hex');
const setUp = { mode: 'softphone', server: 'wss://pbx.example.com:8089/ws', user: '1001', domain: 'pbx.example.com' } as const;

/**
 * Electron's safeStorage as a keychain would act: what it seals reads as noise, and only the
 * same keychain opens it (another one, or a damaged value, throws as Electron's does).
 */
function fakeKeychain(backend: ReturnType<KeychainApi['getSelectedStorageBackend']> = 'gnome_libsecret', available = true, name = 'this') {
  const mark = Buffer.from(`keychain:${name}:`);
  return {
    isEncryptionAvailable: vi.fn(() => available),
    getSelectedStorageBackend: vi.fn(() => backend),
    encryptString: vi.fn((plain: string) => Buffer.concat([mark, Buffer.from(plain, 'utf8').map((byte) => byte ^ 0x5a)])),
    decryptString: vi.fn((sealed: Buffer) => {
      if (!sealed.subarray(0, mark.length).equals(mark)) throw new Error('Error while decrypting the ciphertext provided to safeStorage.decryptString.');
      return Buffer.from(sealed.subarray(mark.length).map((byte) => byte ^ 0x5a)).toString('utf8');
    }),
  } satisfies KeychainApi;
}

/** Every byte Nextcall wrote: the preferences file's values and each file in the data folder. */
function everythingWritten(file: ReturnType<typeof memoryFile>, dataDir: string): string {
  const files = readdirSync(dataDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => readFileSync(join(entry.parentPath, entry.name)).toString('latin1'));
  return [JSON.stringify(file.get('phone')), ...files].join('\n');
}

describe('the phone password in the desktop app’s keychain (safeStorage)', () => {
  it('is sealed by the keychain as its digest: the password never reaches the keychain, the file or the console', async () => {
    const keychain = fakeKeychain();
    const fallback = vi.fn(() => privateKeyFileBox(tempDir()));
    const file = memoryFile();
    const phone = phoneSettingsStore(preferencesPhoneRecord(preferenceStore(file)), safeStorageBox(keychain, 'linux', fallback));

    const view = await phone.save({ ...setUp, password: PASSWORD });
    expect(view).toMatchObject({ hasPassword: true, protection: 'os-keychain' });
    expect(JSON.stringify(view)).not.toContain(PASSWORD);
    expect(JSON.stringify(view)).not.toContain(DIGEST);
    expect(JSON.stringify(await phone.view())).not.toContain(DIGEST);
    // The keychain sealed the digest, never the password, and what the file keeps is its seal.
    expect(keychain.encryptString.mock.calls).toEqual([[DIGEST]]);
    const stored = file.get('phone') as { sealedHa1: string };
    expect(Buffer.from(stored.sealedHa1, 'base64').subarray(0, 14).toString()).toBe('keychain:this:');
    expect(JSON.stringify(stored)).not.toContain(PASSWORD);
    expect(JSON.stringify(stored)).not.toContain(DIGEST);
    expect(fallback).not.toHaveBeenCalled();
    // Registering opens it with the keychain: the digest for the realm, never the password.
    expect(await phone.account()).toMatchObject({ ha1: DIGEST, realm: 'pbx.example.com' });
    expect(JSON.stringify(await phone.account())).not.toContain(PASSWORD);
  });

  it('through the API: phone.save and phone.settings answer without the password or the digest, and nothing written holds either', async () => {
    const dataDir = tempDir();
    const file = memoryFile();
    const core = openCore({ dataDir, clock: manualClock('2026-11-23T15:00:00Z'), prefs: preferenceStore(file) });
    try {
      const dispatch = createDispatcher(createHandlers(core, { secrets: safeStorageBox(fakeKeychain(), 'darwin', () => privateKeyFileBox(dataDir)) }));
      const saved = await dispatch('phone.save', { ...setUp, password: PASSWORD });
      const settings = await dispatch('phone.settings', {});
      expect(settings).toMatchObject({ ok: true, value: { hasPassword: true, protection: 'os-keychain' } });
      for (const answer of [saved, settings]) {
        expect(JSON.stringify(answer)).not.toContain(PASSWORD);
        expect(JSON.stringify(answer)).not.toContain(DIGEST);
      }
      const written = everythingWritten(file, dataDir);
      expect(written).not.toContain(PASSWORD);
      expect(written).not.toContain(DIGEST);
      // The keychain is in use: no key file of the web host's kind was made.
      expect(readdirSync(dataDir)).not.toContain('phone-secret.key');
    } finally {
      core.close();
    }
  });

  it('falls back to the private key file where Linux has only safeStorage’s fixed key, or no keychain at all, and says which', async () => {
    for (const keychain of [fakeKeychain('basic_text'), fakeKeychain('gnome_libsecret', false)]) {
      const dataDir = tempDir();
      const box = safeStorageBox(keychain, 'linux', () => privateKeyFileBox(dataDir));
      expect(box.protection).toBe('private-key-file');
      const file = memoryFile();
      await phoneSettingsStore(preferencesPhoneRecord(preferenceStore(file)), box).save({ ...setUp, password: PASSWORD });
      expect(keychain.encryptString).not.toHaveBeenCalled();
      expect(readdirSync(dataDir)).toContain('phone-secret.key');
      expect(everythingWritten(file, dataDir)).not.toContain(PASSWORD);
    }
    // basic_text is Linux's own fallback: on macOS and Windows the backend does not decide.
    expect(safeStorageBox(fakeKeychain('unknown'), 'win32', () => privateKeyFileBox(tempDir())).protection).toBe('os-keychain');
  });

  it('says the password must be entered again when this keychain cannot open the seal (the file came from another computer)', async () => {
    const file = memoryFile();
    await phoneSettingsStore(preferencesPhoneRecord(preferenceStore(file)), safeStorageBox(fakeKeychain('kwallet5', true, 'other'), 'linux', () => privateKeyFileBox(tempDir()))).save({ ...setUp, password: PASSWORD });
    const here = phoneSettingsStore(preferencesPhoneRecord(preferenceStore(file)), safeStorageBox(fakeKeychain(), 'linux', () => privateKeyFileBox(tempDir())));
    await expect(here.account()).rejects.toThrow('The saved phone password cannot be read on this computer: enter it again in Settings → Phone.');
  });
});
