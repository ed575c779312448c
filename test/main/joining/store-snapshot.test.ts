import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { storeSnapshot } from '../../../main/joining/store-snapshot.ts';
import { tempDir, testCore } from '../../helpers/test-core.ts';

/** This computer's store copied to be sent to a team server (Settings → Team). */
const previousTemp = process.env['TMPDIR'];
afterEach(() => {
  if (previousTemp === undefined) delete process.env['TMPDIR'];
  else process.env['TMPDIR'] = previousTemp;
});

describe('this computer’s store, copied for an upload', () => {
  it('refuses a store over 100 MB before copying a byte of it, in a sentence', async () => {
    const core = testCore();
    const db = new DatabaseSync(core.storeFile);
    db.exec('CREATE TABLE ballast (b BLOB); INSERT INTO ballast VALUES (zeroblob(101 * 1024 * 1024))');
    db.close();
    // Nowhere to copy to: the refusal must come before any copy is tried.
    const nowhere = join(tempDir(), 'a file, not a folder');
    writeFileSync(nowhere, '');
    process.env['TMPDIR'] = nowhere;
    await expect(storeSnapshot(core.storeFile)).rejects.toMatchObject({
      code: 'invalid-input',
      message: expect.stringMatching(/^This store is 10\d MB; a team server takes a store of up to 100 MB from Settings → Team\./),
    });
    core.close();
  });
});
