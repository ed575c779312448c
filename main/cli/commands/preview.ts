import { command, MAPPING, text } from '../cli-command.ts';
import { fileArgument, readMapping } from '../cli-files.ts';

export const previewCommand = command({
  name: 'preview',
  args: 'FILE.csv',
  flags: { mapping: MAPPING, encoding: text('NAME') },
  about: ['show the detected encoding, delimiter, column mapping and first rows'],
  async run({ args, flags, call }) {
    return call('leads.previewImport', {
      ...(await fileArgument('preview', args, 'leads.csv')),
      ...(flags.mapping ? { mapping: await readMapping(flags.mapping) } : {}),
      ...(flags.encoding ? { encoding: flags.encoding } : {}),
    });
  },
});
