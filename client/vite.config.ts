import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The API serves the built client on the same origin in production; in development Vite serves it
// and forwards API calls, so cookies (session, bt_csrf) stay first-party in both cases.
const apiUrl = process.env.API_URL ?? 'http://127.0.0.1:3000';
const proxied = { target: apiUrl, changeOrigin: false };

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  plugins: [react()],
  server: {
    port: 5173,
    strictPort: true,
    // /admin/queues is the API's job queue dashboard (bull-board), not a client route.
    proxy: { '/api': proxied, '/healthz': proxied, '/readyz': proxied, '/admin/queues': proxied },
  },
  preview: {
    port: 4173,
    strictPort: true,
    proxy: { '/api': proxied, '/healthz': proxied, '/readyz': proxied, '/admin/queues': proxied },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      treeshake: {
        // @digdir/designsystemet-react does not declare "sideEffects": false, so every component it exports
        // (Combobox with floating-ui and a list virtualiser, Dialog, Tabs...) would be bundled whether used
        // or not. Its modules are plain React components; the custom elements they need are registered by
        // @digdir/designsystemet-web, which keeps its side effects.
        moduleSideEffects: [
          { test: /node_modules[\\/]@digdir[\\/]designsystemet-react[\\/]/, sideEffects: false },
        ],
      },
      output: {
        // Libraries change less often than our code: separate, named chunks stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
            { name: 'router', test: /node_modules[\\/](react-router|cookie|set-cookie-parser)[\\/]/ },
            { name: 'i18n', test: /node_modules[\\/](i18next|react-i18next|use-sync-external-store)[\\/]/ },
            {
              name: 'designsystemet',
              test: /node_modules[\\/](@digdir|@u-elements|@floating-ui|@radix-ui|clsx|tabbable)[\\/]/,
            },
          ],
        },
      },
    },
  },
});
