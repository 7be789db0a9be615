/// <reference types="vitest/config" />
// One config for the SPA build (root: web/) and for Vitest's two projects:
//  - unit: fixtures only, jsdom for web code;
//  - integration: *.int.test.ts, against the real local kube-apiserver started in global setup.
import { defineConfig, type Plugin } from 'vite'
import react from '@vitejs/plugin-react'
import { fileURLToPath } from 'node:url'
import { writeFile } from 'node:fs/promises'
import path from 'node:path'
import { promisify } from 'node:util'
import { brotliCompress, constants as zlib, gzip } from 'node:zlib'

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url))

const brotli = promisify(brotliCompress)
const gzipAsync = promisify(gzip)

/**
 * Writes `<file>.br` and `<file>.gz` beside every text file of the build, which the BFF's static
 * server sends to browsers that accept them (server/static.ts). Fonts (woff2) and images are already
 * compressed. Brotli quality 10, not 11: on this build (~20 MB of text, Monaco ~4 MB, 2 cores)
 * quality 11 took 54 s against 12 s for 10, for files under 2 % smaller; quality 9 took 4 s but its
 * files were 9 % larger. Files under 1 KiB are left alone.
 */
function precompress(): Plugin {
  const TEXT = /\.(?:js|mjs|css|html|svg|json|txt)$/
  const MIN_BYTES = 1024
  return {
    name: 'dashboard:precompress',
    apply: 'build',
    enforce: 'post',
    async writeBundle(options, bundle) {
      const outDir = options.dir ?? here('./dist/web')
      const jobs = Object.values(bundle)
        .filter((file) => TEXT.test(file.fileName))
        .map(async (file) => {
          const source = Buffer.from(file.type === 'chunk' ? file.code : file.source)
          if (source.length < MIN_BYTES) return
          const target = path.join(outDir, file.fileName)
          const [br, gz] = await Promise.all([
            brotli(source, {
              params: {
                [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
                [zlib.BROTLI_PARAM_QUALITY]: 10,
                [zlib.BROTLI_PARAM_SIZE_HINT]: source.length,
              },
            }),
            gzipAsync(source, { level: 9 }),
          ])
          await Promise.all([writeFile(`${target}.br`, br), writeFile(`${target}.gz`, gz)])
        })
      await Promise.all(jobs)
    },
  }
}

export default defineConfig({
  root: here('./web'),
  publicDir: here('./public'),
  plugins: [react(), precompress()],
  resolve: {
    alias: [
      // monaco-worker-manager@2 (used by monaco-yaml) imports 'monaco-editor/esm/vs/editor/editor.worker.js',
      // which monaco-editor >= 0.56 no longer exports under that path.
      { find: /^monaco-editor\/esm\/vs\/(.*)$/, replacement: 'monaco-editor/$1' },
      // UI5's @font-face rules with package-relative font URLs. The package's "production" export
      // condition maps dist/* to dist/prod/*, where this CSS file does not exist.
      {
        find: /^@ui5-local\/font-face\.css$/,
        replacement: here('./node_modules/@ui5/webcomponents-base/dist/FontFace.css'),
      },
    ],
  },
  worker: { format: 'es' },
  optimizeDeps: { include: ['monaco-yaml/yaml.worker.js'] },
  server: {
    host: '127.0.0.1',
    port: 5173,
    strictPort: true,
    // In `npm run dev`, the BFF runs beside Vite; API calls are forwarded to it.
    proxy: { '/api': { target: 'http://127.0.0.1:8080', changeOrigin: false, ws: false } },
  },
  build: {
    outDir: here('./dist/web'),
    emptyOutDir: true,
    chunkSizeWarningLimit: 4096,
    rolldownOptions: {
      output: {
        codeSplitting: {
          groups: [
            // Vite's dynamic-import preload helper. Monaco's own dynamic imports depend on it, so
            // without this higher-priority group it is pulled into the monaco chunk, and every
            // page that lazy-loads anything would download Monaco.
            { name: 'preload', test: /preload-helper/, priority: 10 },
            {
              name: 'monaco',
              test: /node_modules[\\/](monaco-editor|monaco-yaml|monaco-[a-z-]+)[\\/]/,
            },
            {
              name: 'react',
              test: /node_modules[\\/](react|react-dom|scheduler|react-router|@tanstack)[\\/]/,
            },
          ],
        },
      },
    },
  },
  test: {
    root: here('.'),
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: ['{web,server,protocol,cluster,scripts,bench,deploy}/**/*.test.{ts,tsx}'],
          exclude: ['**/*.int.test.ts', 'node_modules/**'],
          environment: 'node',
          // Rendering thousands of UI5 rows in jsdom takes seconds on a loaded 2-core machine; a
          // timeout is a hang detector here, never a performance check (that is `npm run bench`).
          testTimeout: 30_000,
          setupFiles: [here('./web/test/setup.ts')],
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: ['{web,server,cluster,deploy,bench}/**/*.int.test.ts'],
          environment: 'node',
          globalSetup: [here('./cluster/test/global-setup.ts')],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          // One cluster per run, shared by files; each test makes its own namespace.
          fileParallelism: true,
        },
      },
    ],
  },
})
