import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { openDatabase } from '../../../main/store/database.ts';
import { watchOtherWriters } from '../../../main/store/store-watch.ts';
import { tempDir } from '../../helpers/test-core.ts';

describe('watching the store for other writers', () => {
  it("tells of another connection's commit, not of its own writes", async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      const file = join(tempDir(), 'store.sqlite');
      const ours = openDatabase(file);
      const theirs = openDatabase(file);
      const changed = vi.fn();
      const stop = watchOtherWriters(ours, changed, 1000);

      ours.prepare("INSERT INTO leads (first_name, stage, created_at) VALUES ('Ours', 'IQL', 1)").run();
      vi.advanceTimersByTime(1000);
      expect(changed).not.toHaveBeenCalled();

      theirs.prepare("INSERT INTO leads (first_name, stage, created_at) VALUES ('Theirs', 'IQL', 1)").run();
      vi.advanceTimersByTime(1000);
      expect(changed).toHaveBeenCalledTimes(1);
      vi.advanceTimersByTime(3000);
      expect(changed).toHaveBeenCalledTimes(1);

      stop();
      theirs.prepare("INSERT INTO leads (first_name, stage, created_at) VALUES ('Later', 'IQL', 1)").run();
      vi.advanceTimersByTime(2000);
      expect(changed).toHaveBeenCalledTimes(1);
      ours.close();
      theirs.close();
    } finally {
      vi.useRealTimers();
    }
  });
});
