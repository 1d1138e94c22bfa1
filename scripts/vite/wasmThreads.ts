import type { Plugin } from 'vite';

/**
 * The headers that make the page cross-origin isolated, which wasm threads need (SharedArrayBuffer). Served by
 * `npm run dev` and `npm run preview`; static hosting must send them too (README, "Hosting").
 */
export const CROSS_ORIGIN_ISOLATION = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

/** The module of tfjs-backend-wasm that starts the Emscripten module (its ES build, which Vite bundles). */
const BACKEND_MODULE = /@tensorflow[\\/]tfjs-backend-wasm[\\/]dist[\\/]backend_wasm\.js$/;
/** tfjs hands each pthread worker its main script as a Blob of the factory's own source text… */
const BLOB_SCRIPT =
  /factoryConfig\.mainScriptUrlOrBlob\s*=\s*new Blob\(\[\s*`var WasmBackendModuleThreadedSimd = `\s*\+\s*wasmFactoryThreadedSimd\.toString\(\)\s*\],\s*\{\s*type:\s*'text\/javascript'\s*\}\);/;
/** …which this plugin replaces by the URL of the unmodified script, served as an asset. */
const SCRIPT = '@tensorflow/tfjs-backend-wasm/wasm-out/tfjs-backend-wasm-threaded-simd.js?url';

/**
 * Multithreaded tfjs wasm in a bundled app. tfjs-backend-wasm 4.22 gives each pthread worker
 * `factory.toString()` as its main script; once the bundle is minified that text names identifiers of the bundle's
 * scope (measured: "ReferenceError: e is not defined" in every pthread worker, and the backend never starts). The
 * workers get the package's own script file instead, unchanged, by URL. Applied to the build and to the dev server's
 * dependency pre-bundling alike; fails the build if tfjs changes the code it replaces.
 */
export function wasmThreads(): Plugin {
  return {
    name: 'segexplain-wasm-threads',
    enforce: 'pre',
    transform(code, id) {
      if (!BACKEND_MODULE.test(id.split('?')[0] ?? id)) return null;
      if (!BLOB_SCRIPT.test(code)) {
        this.error('tfjs-backend-wasm changed how it starts pthread workers: update scripts/vite/wasmThreads.ts');
      }
      const patched = code.replace(
        BLOB_SCRIPT,
        'factoryConfig.mainScriptUrlOrBlob = new URL(__segexplainThreadedScript, self.location.href).href;',
      );
      return { code: `import __segexplainThreadedScript from '${SCRIPT}';\n${patched}`, map: null };
    },
  };
}
