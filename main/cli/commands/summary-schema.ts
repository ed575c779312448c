import { z } from 'zod';
import { callingSummarySchema } from '../../../shared/summary.ts';
import { command } from '../cli-command.ts';

export const summarySchemaCommand = command({
  name: 'summary-schema',
  flags: {},
  about: ['the summary\'s JSON format (schema version, every field), as JSON Schema; touches no store'],
  run: async () => z.toJSONSchema(callingSummarySchema),
});
