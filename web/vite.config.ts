import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The config lives in web/ but is run from the repository root
// (`vite build --config web/vite.config.ts`), so pin root to this folder.
const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/',
  plugins: [react()],
  server: {
    // The Fastify server (npm start) answers /api; the SPA is served by Vite.
    proxy: { '/api': 'http://127.0.0.1:3000' },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rolldownOptions: {
      output: {
        // Role areas are split by React.lazy in App.tsx (one dynamic import
        // per area, so one chunk each). Here we only move the libraries every
        // page needs into their own long-cacheable chunk.
        codeSplitting: {
          groups: [{ name: 'vendor', test: /[\\/]node_modules[\\/]/, tags: ['$initial'] }],
        },
      },
    },
  },
});
