import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../../../main/api/handlers.ts';
import type { UploadReport } from '../../../../shared/store-upload.ts';
import { testCore } from '../../../helpers/test-core.ts';

describe('leads.uploadStore’s progress', () => {
  it('is told to no event stream when the call carries no sign-in session (it would be told to every one)', async () => {
    const core = testCore('2026-11-23T15:00:00Z');
    const heard: string[] = [];
    core.events.subscribe((event, _payload, toSession) => heard.push(`${event} to ${toSession ?? 'everyone'}`));
    const api = createHandlers(core, {
      uploadStore: async (_bytes, { onProgress }) => {
        onProgress?.(1_000, 2_000);
        return {} as UploadReport;
      },
    });
    await api['leads.uploadStore']({ data: Buffer.from('a store').toString('base64'), dryRun: true });
    expect(heard).toEqual([]);
  });
});
