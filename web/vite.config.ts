import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The API is same-origin in production (the server serves web/dist), so in development the dev
// server forwards /api to the local API instead of the app talking cross-origin.
export default defineConfig({
  plugins: [react()],
  server: {
    port: 5173,
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: false } },
  },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: true,
    // antd alone is ~400 KB minified; the warning would fire for every build without telling us
    // anything new. Role areas are lazy-loaded, so the entry chunk stays what public pages need.
    chunkSizeWarningLimit: 900,
  },
});
