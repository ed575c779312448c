import type { CliCommand } from './cli-command.ts';
import { backupCommand } from './commands/backup.ts';
import { checkCommand } from './commands/check.ts';
import { demoListCommand } from './commands/demo-list.ts';
import { dispositionsImportCommand } from './commands/dispositions-import.ts';
import { dispositionsListCommand } from './commands/dispositions-list.ts';
import { exportLeadsCommand } from './commands/export-leads.ts';
import { handoffsCommand } from './commands/handoffs.ts';
import { importActivitiesCommand } from './commands/import-activities.ts';
import { importCommand } from './commands/import.ts';
import { importsCommand } from './commands/imports.ts';
import { listsCommand } from './commands/lists.ts';
import { nextCommand } from './commands/next.ts';
import { previewCommand } from './commands/preview.ts';
import { queueCommand } from './commands/queue.ts';
import { rejectedRowsCommand } from './commands/rejected-rows.ts';
import { restoreCommand } from './commands/restore-backup.ts';
import { scriptsExportCommand } from './commands/scripts-export.ts';
import { scriptsImportCommand } from './commands/scripts-import.ts';
import { scriptsListCommand } from './commands/scripts-list.ts';
import { scriptsValidateCommand } from './commands/scripts-validate.ts';
import { summarySchemaCommand } from './commands/summary-schema.ts';
import { summaryCommand } from './commands/summary.ts';
import { teamSummaryCommand } from './commands/team-summary.ts';
import { undoImportCommand } from './commands/undo-import.ts';
import { uploadCommand } from './commands/upload.ts';
import { whyNotCommand } from './commands/why-not.ts';

/** Every CLI command, in the order the usage text lists them. A new command is a module in commands/ and a line here. */
export const COMMANDS: readonly CliCommand[] = [
  importCommand,
  previewCommand,
  importActivitiesCommand,
  importsCommand,
  listsCommand,
  undoImportCommand,
  rejectedRowsCommand,
  exportLeadsCommand,
  scriptsValidateCommand,
  scriptsImportCommand,
  scriptsListCommand,
  scriptsExportCommand,
  dispositionsListCommand,
  dispositionsImportCommand,
  handoffsCommand,
  summaryCommand,
  summarySchemaCommand,
  teamSummaryCommand,
  uploadCommand,
  nextCommand,
  queueCommand,
  whyNotCommand,
  demoListCommand,
  backupCommand,
  restoreCommand,
  checkCommand,
];
