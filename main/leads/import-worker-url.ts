/** The import's reading thread, as Node runs the sources; the desktop bundle swaps this file for import-worker-url-bundled.ts (electron.vite.config.ts). */
export const IMPORT_PARSE_WORKER = new URL('./import-parse-worker.ts', import.meta.url);
