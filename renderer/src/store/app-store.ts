import { createStore, type StoreApi } from 'zustand/vanilla';
import type { ApiClient } from '../api/client.ts';
import { createCallSlice, type CallSlice } from './call-slice.ts';
import { createImportSlice, type ImportSlice } from './import-slice.ts';
import { createInboundSlice, type InboundSlice } from './inbound-slice.ts';
import { createLeadContextSlice, type LeadContextSlice } from './lead-context-slice.ts';
import { createNoticeSlice, type NoticeSlice } from './notice-slice.ts';
import { createPhoneSlice, type PhoneSlice } from '../phone/phone-slice.ts';
import { createPowerDialSlice, type PowerDialSlice } from '../phone/power-dial-slice.ts';
import { createCallVoiceSlice, type CallVoiceSlice } from '../phone/call-voice-slice.ts';
import { createRecordingsSlice, type RecordingsSlice } from '../phone/recordings-slice.ts';
import type { Softphone } from '../phone/softphone.ts';
import { createPanelSlice, type PanelSlice } from './panel-slice.ts';
import { createFloorSlice, type FloorSlice } from './floor-slice.ts';
import { createPeopleSlice, type PeopleSlice } from './people-slice.ts';
import { createQueueSlice, type QueueSlice } from './queue-slice.ts';
import { createScriptSlice, type ScriptSlice } from './script-slice.ts';
import { createSessionSlice, type SessionSlice } from './session-slice.ts';
import { createStoreUploadSlice, type StoreUploadSlice } from './store-upload-slice.ts';
import { createTeamMembershipSlice, type TeamMembershipSlice } from './team-membership-slice.ts';

/** Where a note in progress is kept, so a reload or a crash of the window loses nothing. */
export interface DraftStore {
  read(leadId: number): string;
  write(leadId: number, text: string): void;
  clear(leadId: number): void;
}

export interface StoreDeps {
  client: ApiClient;
  drafts: DraftStore;
  /** This window's name for the queue: the lead it shows is claimed for it. */
  consoleId: string;
  /** The built-in softphone (renderer/src/phone/); absent where the console only follows dial links. */
  softphone?: Softphone;
}

export type AppState = QueueSlice &
  CallSlice &
  ImportSlice &
  NoticeSlice &
  PanelSlice &
  ScriptSlice &
  SessionSlice &
  LeadContextSlice &
  PhoneSlice &
  FloorSlice &
  PeopleSlice &
  PowerDialSlice &
  CallVoiceSlice &
  RecordingsSlice &
  InboundSlice &
  StoreUploadSlice &
  TeamMembershipSlice;
export type AppStore = StoreApi<AppState>;

/**
 * One bound store built from slices. Main is the truth; the store mirrors what main last said
 * and reaches it only through the injected client, so a test can hand it a fake one.
 */
export function createAppStore(deps: StoreDeps): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createNoticeSlice(...a),
    ...createPanelSlice(...a),
    ...createQueueSlice(deps)(...a),
    ...createCallSlice(deps)(...a),
    ...createImportSlice(deps)(...a),
    ...createScriptSlice(deps)(...a),
    ...createSessionSlice(deps)(...a),
    ...createLeadContextSlice(deps)(...a),
    ...createPhoneSlice(deps)(...a),
    ...createFloorSlice(deps)(...a),
    ...createPeopleSlice(deps)(...a),
    ...createPowerDialSlice(deps)(...a),
    ...createCallVoiceSlice(deps)(...a),
    ...createRecordingsSlice(deps)(...a),
    ...createInboundSlice(deps)(...a),
    ...createStoreUploadSlice(deps)(...a),
    ...createTeamMembershipSlice(deps)(...a),
  }));
}

export function localStorageDrafts(storage: Storage): DraftStore {
  const key = (leadId: number) => `nextcall.notes.${leadId}`;
  return {
    read: (leadId) => storage.getItem(key(leadId)) ?? '',
    write: (leadId, text) => (text ? storage.setItem(key(leadId), text) : storage.removeItem(key(leadId))),
    clear: (leadId) => storage.removeItem(key(leadId)),
  };
}

/** One id per browser tab or window, kept across reloads of that tab. */
export function consoleIdFor(storage: Storage): string {
  const existing = storage.getItem('nextcall.console');
  if (existing) return existing;
  const id = crypto.randomUUID();
  storage.setItem('nextcall.console', id);
  return id;
}
