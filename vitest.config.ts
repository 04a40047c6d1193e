// Vitest config: tests run against package sources (aliases), the CLI tests against the built binary.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const src = (pkg: string): string => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      // Before '@teamset/contract', which would otherwise take this import too.
      '@teamset/contract/constants': fileURLToPath(
        new URL('./packages/contract/src/constants/index.ts', import.meta.url),
      ),
      '@teamset/contract': src('contract'),
      // Before '@teamset/core', which would otherwise take these imports too.
      '@teamset/core/workers': fileURLToPath(new URL('./packages/core/src/workers/module-worker.ts', import.meta.url)),
      // Shared test helpers: tests only, never built or shipped.
      '@teamset/core/testing': fileURLToPath(new URL('./packages/core/src/test-support/index.ts', import.meta.url)),
      '@teamset/core': src('core'),
      '@teamset/server': src('server'),
      '@teamset/sdk': src('sdk'),
    },
  },
  test: {
    // The browser suite drives the built server and web app (npm test builds first).
    include: ['packages/*/src/**/*.test.ts', 'packages/web/e2e/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
