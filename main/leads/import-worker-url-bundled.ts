/** import-worker-url.ts as the desktop app's bundle has it: the worker is an entry of its own beside index.js (electron.vite.config.ts). */
export const IMPORT_PARSE_WORKER = new URL('./import-parse-worker.js', import.meta.url);
