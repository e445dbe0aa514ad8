import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const apiPrefixes = [
  '/auth',
  '/bootstrap',
  '/devices',
  '/tenants',
  '/products',
  '/stock',
  '/users',
  '/reports',
];

/** The admin panel: built from src/admin into dist/admin, which `posapp server` serves at /admin. */
export default defineConfig({
  root: fileURLToPath(new URL('./src/admin/', import.meta.url)),
  base: '/admin/',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('./dist/admin/', import.meta.url)),
    emptyOutDir: true,
    // Read by test/admin/bundle-size.test.ts to measure what the first screen loads.
    manifest: true,
    target: 'es2022',
    // React + Mantine make one ~650 kB entry; the real budget (first screen under 300 kB gzipped) is
    // enforced by test/admin/bundle-size.test.ts.
    chunkSizeWarningLimit: 800,
  },
  // `npm run dev:admin` next to `posapp server` on :8080: same-origin API calls, so the cookie works.
  server: {
    proxy: Object.fromEntries(apiPrefixes.map((prefix) => [prefix, 'http://127.0.0.1:8080'])),
  },
});
