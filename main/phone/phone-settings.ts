import { createHash } from 'node:crypto';
import type { z } from 'zod';
import { ApiError } from '../../shared/api-error.ts';
import { phoneSettingsSchema, type PhoneSettings } from '../../shared/api/phone.ts';
import type { PhoneAccount, PhoneSettingsView } from '../../shared/phone.ts';
import type { PreferenceStore } from '../preferences/preferences.ts';
import type { Store } from '../store/seam/store.ts';
import type { SecretBox } from './secret-box.ts';

export const DEFAULT_PHONE_SETTINGS: PhoneSettings = {
  mode: 'link',
  server: '',
  user: '',
  domain: '',
  realm: '',
  authUser: '',
  callerId: '',
  microphoneId: '',
  speakerId: '',
  ringsBeforeNoAnswer: 5,
  testNumber: '',
  outcomes: 'preselect',
  powerDialSeconds: 5,
};

/** What the preferences file holds under `phone`: the settings, and the sealed digest with what it was made for. */
interface StoredPhone extends PhoneSettings {
  sealedHa1?: string;
  /** The user and realm the digest was made for: a digest is only good for that pair. */
  ha1For?: string;
}

export type PhoneSave = Partial<PhoneSettings> & { password?: string | undefined };

/** The realm a digest is made for: the one given, else the SIP domain (FreeSWITCH's and Kamailio's habit). */
const realmOf = (s: PhoneSettings) => s.realm || s.domain;
const authUserOf = (s: PhoneSettings) => s.authUser || s.user;
const digestFor = (s: PhoneSettings) => `${authUserOf(s)}@${realmOf(s)}`;

/**
 * Where one rep's phone settings are kept, read and written whole: under `phone` in a rep's own
 * preferences file, or in their account's row of the team database (`phone_accounts`).
 */
export interface PhoneRecord {
  read(): Promise<unknown>;
  write(value: unknown): Promise<void>;
}

/** A rep's own computer: the preferences file's `phone` section. */
export function preferencesPhoneRecord(prefs: PreferenceStore): PhoneRecord {
  const section = prefs.section('phone');
  return {
    read: async () => section.read(),
    write: async (value) => section.write(value),
  };
}

/**
 * A team: the signed-in account's row of `phone_accounts` (PostgreSQL migration 12). The row is
 * found by the account id alone, so a rep reads and writes only their own, on any server process.
 */
export function accountPhoneRecord(store: Store, accountId: number, now: () => number): PhoneRecord {
  return {
    read: async () => (await store.one<{ settings: unknown }>('SELECT settings FROM phone_accounts WHERE account_id = ?', [accountId]))?.settings,
    async write(value) {
      await store.run(
        `INSERT INTO phone_accounts (account_id, settings, changed_at) VALUES (?, ?, ?)
         ON CONFLICT (account_id) DO UPDATE SET settings = excluded.settings, changed_at = excluded.changed_at`,
        [accountId, JSON.stringify(value), now()],
      );
    },
  };
}

/**
 * The softphone's settings. The password is never kept: on saving, it becomes its digest
 * HA1 = MD5(user:realm:password), which answers the phone system's challenges for that realm
 * only, and the digest is sealed by the box before it is written. The console gets the digest to
 * register with (phone.account), never the password, which no call returns once saved.
 */
export function phoneSettingsStore(record: PhoneRecord, box: SecretBox) {
  const stored = async (): Promise<StoredPhone> => {
    const raw = await record.read();
    const value = raw && typeof raw === 'object' ? (raw as Record<string, unknown>) : {};
    // A hand-edited or older file: each setting falls back to its default alone.
    const settings = Object.fromEntries(
      Object.entries(phoneSettingsSchema.shape).map(([key, schema]) => {
        const parsed = (schema as z.ZodType).safeParse(value[key]);
        return [key, parsed.success ? parsed.data : DEFAULT_PHONE_SETTINGS[key as keyof PhoneSettings]];
      }),
    ) as PhoneSettings;
    return {
      ...settings,
      ...(typeof value.sealedHa1 === 'string' ? { sealedHa1: value.sealedHa1 } : {}),
      ...(typeof value.ha1For === 'string' ? { ha1For: value.ha1For } : {}),
    };
  };
  const view = (s: StoredPhone): PhoneSettingsView => {
    const { sealedHa1, ha1For, ...settings } = s;
    return { ...settings, hasPassword: sealedHa1 !== undefined && ha1For === digestFor(s), protection: box.protection };
  };
  return {
    view: async () => view(await stored()),
    async save({ password, ...patch }: PhoneSave): Promise<PhoneSettingsView> {
      const given = Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined));
      const { sealedHa1, ha1For, ...current } = await stored();
      const next: StoredPhone = {
        ...phoneSettingsSchema.parse({ ...current, ...given }),
        ...(sealedHa1 !== undefined && ha1For !== undefined ? { sealedHa1, ha1For } : {}),
      };
      if (password !== undefined) {
        if (!next.user || !realmOf(next)) throw new ApiError('invalid-input', 'Give the SIP user and domain before the password: the password is kept as a digest of all three.');
        next.sealedHa1 = box.seal(createHash('md5').update(`${authUserOf(next)}:${realmOf(next)}:${password}`).digest('hex'));
        next.ha1For = digestFor(next);
      } else if (next.ha1For !== digestFor(next)) {
        // The user or realm changed: the old digest cannot answer for them, so it is not kept.
        delete next.sealedHa1;
        delete next.ha1For;
      }
      await record.write(next);
      return view(next);
    },
    /** What the softphone registers with, or null while the softphone is off or not set up. */
    async account(): Promise<PhoneAccount | null> {
      const s = await stored();
      if (s.mode !== 'softphone' || !s.server || !s.user || !s.domain || !s.sealedHa1 || s.ha1For !== digestFor(s)) return null;
      const ha1 = box.open(s.sealedHa1);
      if (ha1 === null || !/^[0-9a-f]{32}$/.test(ha1)) throw new ApiError('conflict', `The saved phone password cannot be read ${unreadableWhere(box)}: enter it again in Settings → Phone.`);
      return { server: s.server, uri: `sip:${s.user}@${s.domain}`, authorizationUser: authUserOf(s), realm: realmOf(s), ha1, displayName: s.callerId };
    },
  };
}

/** Where a sealed password could not be opened: on a team, the server's key is the one that changed. */
function unreadableWhere(box: SecretBox): string {
  return box.protection === 'team-server-key' ? 'by the team server (its phone key is missing or was changed)' : 'on this computer';
}
