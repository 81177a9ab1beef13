import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';

// Cross-origin isolation (COOP/COEP) lets the tfjs wasm backend use threads in the browser.
const isolation = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/**
 * tfjs-backend-wasm 4.22 gives its pthread workers a main script built from
 * `wasmFactoryThreadedSimd.toString()`. Once bundled and minified, that function
 * refers to renamed variables of its enclosing scope, so every pthread worker
 * dies ("e is not defined") and the backend never starts. This points the
 * pthread workers at the package's own, unbundled glue file instead, which
 * Vite emits unchanged as an asset (`?url`). Build only: the dev server's
 * pre-bundled (unminified) copy keeps the names the function text needs.
 */
function tfjsWasmThreads(): Plugin {
  const target = /[\\/]@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/;
  const blob = /new Blob\(\[`var WasmBackendModuleThreadedSimd = ` \+\s*wasmFactoryThreadedSimd\.toString\(\)\], \{ type: 'text\/javascript' \}\)/;
  return {
    name: 'hti:tfjs-wasm-threads',
    apply: 'build',
    transform(code, id) {
      if (!target.test(id.split('?')[0])) return null;
      if (!blob.test(code)) this.error('tfjs-backend-wasm changed: its threaded main-script blob was not found (see vite.config.ts)');
      const glue = `import __htiThreadedGlue from '../wasm-out/tfjs-backend-wasm-threaded-simd.js?url';\n`;
      return { code: glue + code.replace(blob, 'new URL(__htiThreadedGlue, self.location.href).href'), map: null };
    },
  };
}

export default defineConfig({
  plugins: [react(), tfjsWasmThreads()],
  server: { headers: isolation, port: 5173, strictPort: false },
  preview: { headers: isolation, port: 4173, strictPort: true },
  worker: { format: 'es', plugins: () => [tfjsWasmThreads()] },
});
