// Vite build of the admin console: a static single-page app served by the service at /console
// (src/surfaces/console). Hashed file names under assets/ let the server cache them forever.
import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root,
  base: '/console/',
  plugins: [react()],
  // The console talks to the API on the same origin; no dev-time env is baked into the bundle.
  envPrefix: 'SWITCHBOARD_CONSOLE_PUBLIC_',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    sourcemap: false,
    target: 'es2022',
    // Everything stays a file: the Content-Security-Policy allows no inline script or style.
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    reportCompressedSize: false,
  },
});
