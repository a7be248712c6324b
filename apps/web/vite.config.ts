import react from '@vitejs/plugin-react';
import { defineConfig, type Plugin } from 'vite';
import { compression } from 'vite-plugin-compression2';

const inNodeModules = (names: string) =>
  new RegExp(
    `[\\\\/]node_modules[\\\\/](?:\\.pnpm[\\\\/][^\\\\/]+[\\\\/]node_modules[\\\\/])?(?:${names})[\\\\/]`,
  );
/** The forms' validation (zod, the schema's validators): only the screens with forms load it. */
const FORMS = (id: string) =>
  /[\\/]packages[\\/]schema[\\/]src[\\/]validators[\\/]/.test(id) || inNodeModules('zod').test(id);
/**
 * The app's modules that use the validators, directly or through others: the form screens' shared code, kept with
 * `forms` so that a screen without forms (Today) does not load zod through a shared chunk. Found once the module
 * graph is complete, before chunking.
 */
const formsUsers = new Set<string>();
function findFormsUsers(): Plugin {
  return {
    name: 'vetflow:forms-users',
    apply: 'build',
    buildEnd() {
      formsUsers.clear();
      const importers = new Map<string, string[]>();
      for (const id of this.getModuleIds()) {
        for (const imported of this.getModuleInfo(id)?.importedIds ?? []) {
          importers.set(imported, [...(importers.get(imported) ?? []), id]);
        }
      }
      const stack = [...this.getModuleIds()].filter((id) =>
        /[\\/]packages[\\/]schema[\\/]src[\\/]validators[\\/]/.test(id),
      );
      while (stack.length) {
        const id = stack.pop()!;
        for (const importer of importers.get(id) ?? []) {
          if (!formsUsers.has(importer) && /[\\/]apps[\\/]web[\\/]src[\\/]/.test(importer)) {
            formsUsers.add(importer);
            stack.push(importer);
          }
        }
      }
    },
  };
}
/** Large libraries a few screens use (charts, dates, the password-strength dictionaries): chunks of their own. */
const HEAVY = inNodeModules(
  'recharts|d3-[a-z-]+|victory-vendor|@mantine[\\/](?:charts|dates|spotlight)|dayjs|@zxcvbn-ts[\\/][a-z-]+|es-toolkit|immer|redux|@reduxjs[\\/]toolkit|reselect|decimal\\.js-light',
);

export default defineConfig({
  // Brotli and gzip copies of every text asset, made once at build time: the API serves them as they are
  // (`preCompressed`), so no request pays for compression.
  plugins: [
    react(),
    findFormsUsers(),
    compression({ algorithms: ['brotliCompress', 'gzip'], logLevel: 'silent' }),
  ],
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
    // dist/.vite/manifest.json: the API reads which chunks a signed-in first load needs, to preload them with the
    // shell (apps/api/src/app-shell-preloads.ts).
    manifest: true,
    sourcemap: false,
    chunkSizeWarningLimit: 700,
    rolldownOptions: {
      output: {
        // A few chunks instead of dozens of tiny shared ones: each is a request, and a page's requests queue six at a
        // time on HTTP/1.1. `core` is what the entry needs before anything renders (React, Mantine's provider, the
        // router, the sign-in page; it ends up in the entry chunk itself); the signed-in screens share `shared` and,
        // with forms, `forms` (two chunks of that name: zod with the validators, and the app code using them);
        // heavy libraries stay with the screens that use them.
        codeSplitting: {
          // A group takes the modules it names, not everything they import (React would follow zod's users into
          // `forms`). Rolldown advises strictExecutionOrder with this: the modules grouped here must run nothing at
          // load that other chunks' modules depend on in order (true of zod, the validators, Mantine's components).
          includeDependenciesRecursively: false,
          groups: [
            { name: 'core', tags: ['$initial'], priority: 30 },
            { name: 'forms', test: FORMS, priority: 20 },
            { name: 'forms', test: (id: string) => formsUsers.has(id), minShareCount: 2, priority: 20 },
            { name: 'shared', test: (id: string) => !HEAVY.test(id), minShareCount: 2, priority: 10 },
          ],
        },
      },
    },
  },
});
