import type { StateCreator } from 'zustand/vanilla';
import { ApiError } from '../../../shared/api-error.ts';
import type { ApiEvents } from '../../../shared/events.ts';
import type { Person } from '../../../shared/people.ts';
import type { UploadReport } from '../../../shared/store-upload.ts';
import type { AppState, StoreDeps } from './app-store.ts';
import { messageOf } from './error-message.ts';

/** Said instead of the server's bare refusal: who may upload, and how they do it from this computer. */
export const ONLY_A_TEAM_LEAD =
  'Uploading this computer’s store into the team is a team lead’s or an admin’s: ask yours to sign in on this computer (Sign out, then their account) and upload it as you.';

/**
 * Where Settings → Team's "Upload this computer's store" stands: a dry run first (the team's
 * report of what the upload would do, nothing changed), then the upload for real, confirmed, under
 * the same account. `trying` and `uploading` are the team server at work.
 */
export type StoreUploadStep = 'idle' | 'trying' | 'tried' | 'uploading' | 'uploaded';

export interface StoreUploadSlice {
  uploadStep: StoreUploadStep;
  /** The team account the store's calls go under; null until the accounts are read. */
  uploadAs: string | null;
  /** The team's accounts to choose from (a team lead's `people.list`). */
  uploadAccounts: Person[];
  /** The dry run's report while `tried` and `uploading`; the upload's once `uploaded`. */
  uploadReport: UploadReport | null;
  uploadProblem: string | null;
  /** How far the team server is through the dry run or upload under way (its `upload.progress`); null before its first word and when none is under way. */
  uploadProgress: ApiEvents['upload.progress'] | null;
  /** The accounts, and the signed-in one chosen. */
  loadUploadAccounts(signedIn: string): Promise<void>;
  chooseUploadAs(name: string): void;
  /** The dry run: the team server runs the whole upload and rolls it back. */
  tryStoreUpload(): Promise<void>;
  /** The upload for real, after a dry run, under the account the dry run named. */
  confirmStoreUpload(): Promise<void>;
  /** Back to the start, nothing sent (or, after an upload, ready for another). */
  resetStoreUpload(): void;
}

export const createStoreUploadSlice =
  ({ client }: StoreDeps): StateCreator<AppState, [], [], StoreUploadSlice> =>
  (set, get) => {
    const refusal = (error: unknown) => (error instanceof ApiError && error.code === 'forbidden' ? ONLY_A_TEAM_LEAD : messageOf(error));
    const upload = async (dryRun: boolean) => {
      // For real, the account the dry run reported: what the team lead read and confirmed.
      const as = dryRun ? get().uploadAs : get().uploadReport?.account;
      if (!as) return set({ uploadProblem: 'Choose the team account the store’s calls go under.' });
      set({ uploadStep: dryRun ? 'trying' : 'uploading', uploadProblem: null, uploadProgress: null });
      // The team server tells only this console's session (one upload at a time per server process).
      const stop = client.on('upload.progress', (progress) => {
        if (progress.dryRun === dryRun) set({ uploadProgress: progress });
      });
      try {
        const report = await client.call('teamServer.uploadStore', { as, dryRun });
        set({ uploadStep: dryRun ? 'tried' : 'uploaded', uploadReport: report });
      } catch (error) {
        // Back to where the team lead was. A refused upload changed nothing (one transaction); one
        // whose answer was lost may have landed, and main's sentence says so (joined-dispatch.ts).
        set({ uploadStep: dryRun ? 'idle' : 'tried', uploadProblem: refusal(error) });
      } finally {
        stop();
        set({ uploadProgress: null });
      }
    };
    return {
      uploadStep: 'idle',
      uploadAs: null,
      uploadAccounts: [],
      uploadReport: null,
      uploadProblem: null,
      uploadProgress: null,
      async loadUploadAccounts(signedIn) {
        // Settings opened again, or another person signed in: a dry run for the account shown
        // comes first, not a confirm left from another (an upload under way is left to finish).
        const { uploadStep } = get();
        if (uploadStep !== 'trying' && uploadStep !== 'uploading') set({ uploadAs: signedIn, uploadStep: 'idle', uploadReport: null, uploadProblem: null });
        try {
          set({ uploadAccounts: await client.call('people.list', {}) });
        } catch (error) {
          set({ uploadProblem: refusal(error) });
        }
      },
      chooseUploadAs(name) {
        // Another account is another upload: a dry run for it comes first.
        set({ uploadAs: name, uploadStep: 'idle', uploadReport: null, uploadProblem: null });
      },
      tryStoreUpload: () => upload(true),
      async confirmStoreUpload() {
        if (get().uploadStep !== 'tried') return;
        await upload(false);
      },
      resetStoreUpload() {
        set({ uploadStep: 'idle', uploadReport: null, uploadProblem: null });
      },
    };
  };
