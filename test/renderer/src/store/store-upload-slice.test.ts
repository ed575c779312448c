import { describe, expect, it } from 'vitest';
import { createAppStore } from '../../../../renderer/src/store/app-store.ts';
import { ONLY_A_TEAM_LEAD } from '../../../../renderer/src/store/store-upload-slice.ts';
import { ApiError } from '../../../../shared/api-error.ts';
import type { UploadReport } from '../../../../shared/store-upload.ts';
import { fakeClient } from '../../../helpers/fake-api-client.ts';

const drafts = { read: () => '', write: () => {}, clear: () => {} };
const accounts = [
  { id: 1, name: 'sam', role: 'team-lead' as const },
  { id: 2, name: 'jordan', role: 'rep' as const },
];
const report = (as: string, dryRun: boolean): UploadReport => ({
  account: as,
  dryRun,
  leads: { read: 2, created: 1, merged: 1, skipped: 0, skippedLeads: [] },
  phones: { added: 1 },
  activities: { added: 0 },
  calls: { read: 3, added: 3, alreadyInTeam: 0 },
  stageHistory: { read: 1, added: 1, alreadyInTeam: 0 },
  callbacks: { read: 0, added: 0, alreadyInTeam: 0 },
  handoffs: { added: 0 },
  noteDrafts: { read: 0, added: 0, teamHadOne: 0 },
  repNames: [{ name: 'jo', calls: 3 }],
  unknownDispositions: [],
});

function storeWith(upload: (input: { as?: string; dryRun: boolean }) => UploadReport) {
  const client = fakeClient({ 'people.list': () => accounts, 'teamServer.uploadStore': upload });
  return { client, store: createAppStore({ client, drafts, consoleId: 'console-one' }) };
}

describe('Settings → Team: this computer’s store into the team', () => {
  it('tries a dry run first under the chosen account, uploads for real only when confirmed, under the same account', async () => {
    const { client, store } = storeWith(({ as, dryRun }) => report(as!, dryRun));
    await store.getState().loadUploadAccounts('sam');
    expect(store.getState()).toMatchObject({ uploadAs: 'sam', uploadAccounts: accounts, uploadStep: 'idle' });
    store.getState().chooseUploadAs('jordan');

    // A confirm before any dry run sends nothing.
    await store.getState().confirmStoreUpload();
    expect(client.call).not.toHaveBeenCalledWith('teamServer.uploadStore', expect.anything());

    const trying = store.getState().tryStoreUpload();
    expect(store.getState().uploadStep).toBe('trying');
    await trying;
    expect(store.getState()).toMatchObject({ uploadStep: 'tried', uploadReport: { account: 'jordan', dryRun: true } });
    expect(client.call).toHaveBeenLastCalledWith('teamServer.uploadStore', { as: 'jordan', dryRun: true });

    const uploading = store.getState().confirmStoreUpload();
    expect(store.getState().uploadStep).toBe('uploading');
    await uploading;
    expect(store.getState()).toMatchObject({ uploadStep: 'uploaded', uploadReport: { account: 'jordan', dryRun: false }, uploadProblem: null });
    expect(client.call).toHaveBeenLastCalledWith('teamServer.uploadStore', { as: 'jordan', dryRun: false });
  });

  it('shows how far the team server is while it writes, and forgets it once the upload answers', async () => {
    let answer: (report: UploadReport) => void = () => {};
    const { client, store } = storeWith(({ as, dryRun }) => (dryRun ? report(as!, true) : (new Promise((resolve) => (answer = resolve)) as never)));
    await store.getState().loadUploadAccounts('sam');
    await store.getState().tryStoreUpload();
    const uploading = store.getState().confirmStoreUpload();
    expect(store.getState().uploadProgress).toBeNull();
    // The dry run's last word, arriving late, is not this upload's progress.
    client.emit('upload.progress', { leadsDone: 2, leadsTotal: 2, dryRun: true });
    expect(store.getState().uploadProgress).toBeNull();
    client.emit('upload.progress', { leadsDone: 1000, leadsTotal: 2001, dryRun: false });
    expect(store.getState().uploadProgress).toEqual({ leadsDone: 1000, leadsTotal: 2001, dryRun: false });
    answer(report('sam', false));
    await uploading;
    expect(store.getState()).toMatchObject({ uploadStep: 'uploaded', uploadProgress: null });
    client.emit('upload.progress', { leadsDone: 2001, leadsTotal: 2001, dryRun: false });
    expect(store.getState().uploadProgress).toBeNull();
  });

  it('tells a rep the team server refused who uploads, and how, instead of the bare refusal', async () => {
    const { store } = storeWith(() => {
      throw new ApiError('forbidden', 'Only a team lead or above may do this (leads.uploadStore); you are signed in as a rep.');
    });
    store.getState().chooseUploadAs('jordan');
    await store.getState().tryStoreUpload();
    expect(store.getState()).toMatchObject({ uploadStep: 'idle', uploadReport: null, uploadProblem: ONLY_A_TEAM_LEAD });
  });

  it('keeps the dry run’s report and its confirm when the upload fails, with the team server’s sentence', async () => {
    let calls = 0;
    const { store } = storeWith(({ as, dryRun }) => {
      if (calls++ === 0) return report(as!, dryRun);
      throw new ApiError('invalid-input', 'The team has no account named "jordan": an admin makes it first. Nothing was uploaded.');
    });
    store.getState().chooseUploadAs('jordan');
    await store.getState().tryStoreUpload();
    await store.getState().confirmStoreUpload();
    expect(store.getState()).toMatchObject({ uploadStep: 'tried', uploadReport: { dryRun: true }, uploadProblem: 'The team has no account named "jordan": an admin makes it first. Nothing was uploaded.' });
  });

  it('asks for a new dry run when another account is chosen after one', async () => {
    const { store } = storeWith(({ as, dryRun }) => report(as!, dryRun));
    await store.getState().loadUploadAccounts('sam');
    await store.getState().tryStoreUpload();
    store.getState().chooseUploadAs('jordan');
    expect(store.getState()).toMatchObject({ uploadStep: 'idle', uploadReport: null });
  });

  it('opened again after a dry run (Settings closed and reopened), asks for a dry run again, and never uploads under another account than the dry run’s', async () => {
    const { client, store } = storeWith(({ as, dryRun }) => report(as!, dryRun));
    await store.getState().loadUploadAccounts('sam');
    store.getState().chooseUploadAs('jordan');
    await store.getState().tryStoreUpload();

    // Settings → Team mounted again: the accounts read again, the signed-in one shown.
    await store.getState().loadUploadAccounts('sam');
    expect(store.getState()).toMatchObject({ uploadAs: 'sam', uploadStep: 'idle', uploadReport: null });
    await store.getState().confirmStoreUpload();
    expect(client.call).not.toHaveBeenCalledWith('teamServer.uploadStore', { as: 'sam', dryRun: false });

    // A confirm goes under the account the dry run reported, whatever the choice says meanwhile.
    store.getState().chooseUploadAs('jordan');
    await store.getState().tryStoreUpload();
    store.setState({ uploadAs: 'sam' });
    await store.getState().confirmStoreUpload();
    expect(client.call).toHaveBeenLastCalledWith('teamServer.uploadStore', { as: 'jordan', dryRun: false });
  });
});
