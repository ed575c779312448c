import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { storeStartupMessage } from './store/store-check.ts';
import { serve } from './web/serve.ts';
import { MINUTE_MS } from '../shared/time-units.ts';

/**
 * `npm start`: the desktop app when the Electron runtime is here, the web host otherwise.
 * Electron downloads its runtime the first time it is needed; on a machine that cannot reach
 * the download (or with ELECTRON_SKIP_BINARY_DOWNLOAD set) we say so in one sentence and open
 * the same console in the browser, over the same store.
 */
const require = createRequire(import.meta.url);
const appRoot = fileURLToPath(new URL('..', import.meta.url));

function electronBinary(): string | null {
  try {
    const dir = dirname(require.resolve('electron/package.json'));
    const pathFile = join(dir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(dir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function tryDownloadElectron(): void {
  if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return;
  try {
    const installer = join(dirname(require.resolve('electron/package.json')), 'install.js');
    console.log('Fetching the Electron runtime (first start only)…');
    spawnSync(process.execPath, [installer], { stdio: 'ignore', timeout: 5 * MINUTE_MS });
  } catch {
    // Whatever went wrong, the check below tells the user in plain words.
  }
}

let binary = electronBinary();
if (!binary) {
  tryDownloadElectron();
  binary = electronBinary();
}

if (binary) {
  const child = spawn(binary, [appRoot, ...process.argv.slice(2)], { stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
} else {
  console.log('The Electron runtime is not installed on this machine, so Nextcall opens in your browser instead: open the link below.');
  serve(process.argv.slice(2)).catch((error: unknown) => {
    console.error(storeStartupMessage(error) ?? (error instanceof Error ? error.message : error));
    process.exitCode = 1;
  });
}
