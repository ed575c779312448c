import { UsageError } from '../runtime-options.ts';

/**
 * A new password, never from the command line (it would sit in the shell's history and in every
 * process listing): typed at a prompt that does not echo it, twice, or piped in on stdin (its
 * first line), for scripts.
 */
export async function readNewPassword(input: NodeJS.ReadStream = process.stdin, output: NodeJS.WriteStream = process.stderr): Promise<string> {
  if (!input.isTTY) {
    const text = await readAll(input);
    const password = text.split(/\r?\n/)[0] ?? '';
    if (!password) throw new UsageError('No password arrived on stdin: pipe it in (its first line), or run this in a terminal to be asked.');
    return password;
  }
  const first = await promptHidden(input, output, 'New password (12 characters or more): ');
  const second = await promptHidden(input, output, 'The same password again: ');
  if (first !== second) throw new UsageError('The two passwords differ. Nothing was changed.');
  return first;
}

function readAll(input: NodeJS.ReadStream): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    input.on('data', (chunk: Buffer) => chunks.push(chunk));
    input.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    input.on('error', reject);
  });
}

function promptHidden(input: NodeJS.ReadStream, output: NodeJS.WriteStream, question: string): Promise<string> {
  output.write(question);
  input.setRawMode(true);
  input.resume();
  return new Promise((resolve, reject) => {
    let typed = '';
    const onData = (chunk: Buffer) => {
      for (const char of chunk.toString('utf8')) {
        if (char === '\r' || char === '\n') return done(() => resolve(typed));
        if (char === '\u0003') return done(() => reject(new UsageError('Cancelled. Nothing was changed.')));
        if (char === '\u007f' || char === '\b') typed = [...typed].slice(0, -1).join('');
        else typed += char;
      }
    };
    const done = (settle: () => void) => {
      input.off('data', onData);
      input.setRawMode(false);
      input.pause();
      output.write('\n');
      settle();
    };
    input.on('data', onData);
  });
}
