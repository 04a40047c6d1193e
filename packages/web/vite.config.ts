// Vite build of the web app into dist/, which `teamset serve` serves at /; `npm run dev -w packages/web` proxies the API to a local server.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiTarget = process.env.TEAMSET_DEV_API ?? 'http://127.0.0.1:5151';
// For profiling only (bench:app --trace): function and component names readable in a trace, with source maps. Never shipped.
const profile = process.env.TEAMSET_WEB_PROFILE === '1';

export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // Mantine alone is over Vite's 500 kB warning; the app is loaded once per visit and cached for good.
    chunkSizeWarningLimit: 1200,
    ...(profile ? { minify: false, sourcemap: true } : {}),
  },
  server: {
    proxy: { '/api': apiTarget, '/health': apiTarget, '/docs': apiTarget },
  },
});
