import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';
import { compression } from 'vite-plugin-compression2';

export default defineConfig({
  // Brotli and gzip copies of every text asset, made once at build time: the API serves them as they are
  // (`preCompressed`), so no request pays for compression.
  plugins: [react(), compression({ algorithms: ['brotliCompress', 'gzip'], logLevel: 'silent' })],
  server: {
    port: 5173,
    strictPort: true,
    proxy: {
      // The API checks the Origin of mutations; it trusts this dev origin (localhost:5173) only under `pnpm dev` (VETFLOW_DEV).
      '/trpc': { target: 'http://localhost:3000', changeOrigin: false },
    },
  },
  build: {
    outDir: 'dist',
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
});
