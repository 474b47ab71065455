// Renderer build: one bundle for both targets (Electron app:// and the loopback server), so paths
// stay relative (base './') and nothing is loaded from outside the app (CSP script-src 'self').
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const root = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig(({ command }) => ({
  root,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    target: 'es2022',
  },
  // A NODE_ENV=development inherited from a test runner or shell must not ship React's dev build
  // (StrictMode double effects, dev warnings) as the app.
  define: command === 'build' ? { 'process.env.NODE_ENV': JSON.stringify('production') } : {},
}));
