/// <reference types="vitest/config" />
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  root: here('.'),
  base: '/',
  plugins: [react()],
  resolve: {
    alias: [
      { find: /^@candor\/shared\/testing$/, replacement: here('../shared/src/testing.ts') },
      { find: /^@candor\/shared$/, replacement: here('../shared/src/index.ts') },
    ],
  },
  build: {
    outDir: here('../dist/web'),
    emptyOutDir: true,
    target: 'es2020',
    sourcemap: false,
    // Nothing inlined as data: URLs; the CSP allows same-origin files only (fonts included).
    assetsInlineLimit: 0,
    chunkSizeWarningLimit: 1600,
    rollupOptions: {
      // The respondent pages' small boot script is its own entry, at a fixed address the server names.
      input: { main: here('./index.html'), 'respondent-boot': here('./src/boot/respondent-boot.ts') },
      output: {
        entryFileNames: (chunk) => (chunk.name === 'respondent-boot' ? 'assets/respondent-boot.js' : 'assets/[name]-[hash].js'),
        manualChunks(id) {
          if (id.includes('node_modules/survey-core') || id.includes('node_modules/survey-react-ui')) return 'surveyjs';
          if (id.includes('node_modules/react') || id.includes('node_modules/scheduler')) return 'react';
          return undefined;
        },
      },
    },
  },
  server: {
    port: 5173,
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  test: {
    environment: 'jsdom',
    include: ['src/**/*.test.{ts,tsx}'],
    setupFiles: [here('./src/test-setup.ts')],
    css: false,
    env: { TZ: 'UTC' },
  },
});
