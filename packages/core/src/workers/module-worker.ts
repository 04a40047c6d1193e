// Starts a worker thread on a module beside the caller's, from the built JavaScript or (in tests) the TypeScript sources.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { Worker, type WorkerOptions } from 'node:worker_threads';

/** tsx's ESM register API as a file (its `import` export): a worker's eval code cannot resolve bare names reliably. */
function tsxEsmApi(from: string): string {
  const require = createRequire(from);
  const manifest = require.resolve('tsx/package.json');
  const { exports } = require(manifest) as { exports: Record<string, { import: { default: string } }> };
  const entry = exports['./esm/api']?.import.default;
  if (!entry) throw new Error('tsx has no ./esm/api export: cannot run a worker from TypeScript sources');
  return join(dirname(manifest), entry);
}

/**
 * A worker running `<name>.js` next to the module at `callerUrl` (its `import.meta.url`). Built, that is plain
 * JavaScript; run from TypeScript sources (the tests), the worker registers tsx first and loads `<name>.ts` —
 * a worker does not inherit the loader that runs the main thread. `options` (workerData, say) go to the Worker.
 */
export function spawnModuleWorker(callerUrl: string, name: string, options: WorkerOptions = {}): Worker {
  if (callerUrl.endsWith('.ts')) {
    const tsx = pathToFileURL(tsxEsmApi(callerUrl)).href;
    const entry = new URL(`./${name}.ts`, callerUrl).href;
    return new Worker(
      `import(${JSON.stringify(tsx)}).then((api) => { api.register(); return import(${JSON.stringify(entry)}); });`,
      { ...options, eval: true },
    );
  }
  return new Worker(new URL(`./${name}.js`, callerUrl), options);
}
