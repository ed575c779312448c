import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';
import type { Plugin } from 'vite';
import { CONTENT_SECURITY_POLICY } from './shared/content-security-policy.ts';

/** The renderer's CSP as a meta tag (Electron loads it from a file, so no header can carry it). */
function contentSecurityPolicyMeta(): Plugin {
  const policy = CONTENT_SECURITY_POLICY.split('; ')
    .filter((directive) => !directive.startsWith('frame-ancestors')) // ignored in a meta tag
    .join('; ');
  return {
    name: 'nextcall-csp-meta',
    transformIndexHtml: () => [{ tag: 'meta', attrs: { 'http-equiv': 'Content-Security-Policy', content: policy }, injectTo: 'head-prepend' }],
  };
}

export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // The charts are drawn in main: bundle the part of ECharts the reports use (the package is
      // 62 MB on disk, and electron-builder.yml leaves it out of the app).
      externalizeDeps: { exclude: ['echarts', 'zrender'] },
      rollupOptions: { input: { index: resolve('main/index.ts') } },
    },
    // Node loads ECharts the first time a chart is drawn; one bundle has it inside from the start.
    resolve: { alias: [{ find: /^\.\/chart-engine-loader\.ts$/, replacement: resolve('main/sessions/chart-engine-bundled.ts') }] },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload cannot require packages: bundle everything into one CommonJS file.
      externalizeDeps: false,
      rollupOptions: {
        input: { preload: resolve('main/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'renderer',
    plugins: [react(), contentSecurityPolicyMeta()],
    build: {
      outDir: resolve('out/renderer'),
      // The window parses this on every cold start: smaller is sooner on screen.
      minify: true,
      rollupOptions: { input: resolve('renderer/index.html') },
    },
  },
});
