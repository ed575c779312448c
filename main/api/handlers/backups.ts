import { backUpCore, restoreCore } from '../../core.ts';
import { listBackups } from '../../store/backups.ts';
import type { HandlerContext, HandlersOf } from '../handler-context.ts';

export function backupsHandlers({ core }: HandlerContext): HandlersOf<'store'> {
  return {
    'store.backups': () => listBackups(core.dataDir),
    'store.backup': () => backUpCore(core, 'manual'),
    'store.restore': async ({ fileName }) => {
      const report = await restoreCore(core, fileName);
      core.events.emit('store.changed', { reason: 'restore' });
      return report;
    },
  };
}
