// `npm run bench:import`: `teamset import` of a synthetic COCO file (100k images, 1M boxes by default) through the API
// connection against a real `teamset serve` on SQLite: images/s and the CLI process's peak memory. A benchmark, not a
// test: it reports and never fails CI. See docs/benchmarks.md.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServices, SYSTEM_ACTOR } from '@teamset/core';
import { ApiConnection, loadDataset } from '@teamset/sdk';
import { peakRssMb } from './process-memory.mjs';
import { writeSyntheticCoco } from './synthetic-coco.mjs';

const IMAGES = Number(process.env.BENCH_IMAGES ?? 100_000);
const BOXES = Number(process.env.BENCH_BOXES ?? 10);
const PORT = Number(process.env.BENCH_PORT ?? 5181);
const CLI = new URL('../packages/cli/dist/main.js', import.meta.url).pathname;

/** Extra Node options for a child (e.g. BENCH_SERVER_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it). */
function nodeArgs(name) {
  return (process.env[name] ?? '').split(' ').filter(Boolean);
}

async function startServer(databaseUri) {
  const child = spawn(
    process.execPath,
    [...nodeArgs('BENCH_SERVER_NODE_ARGS'), CLI, 'serve', '--port', String(PORT), '--log-level', 'error'],
    {
      env: { ...process.env, FIFTYONE_DATABASE_URI: databaseUri },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const url = `http://127.0.0.1:${PORT}`;
  for (let i = 0; i < 200; i++) {
    try {
      if ((await fetch(`${url}/health`)).ok)
        return { url, stop: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))) };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('server did not start');
}

/** Runs the CLI to completion, sampling its peak memory every 20 ms (VmHWM only grows, so the last sample is the peak so far). */
function runCli(args, env) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...nodeArgs('BENCH_CLI_NODE_ARGS'), CLI, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, peakRssMb(child.pid) ?? 0);
    }, 20);
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      clearInterval(sampler);
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) reject(new Error(`teamset ${args.join(' ')} exited with ${code}: ${stderr}`));
      else resolve({ seconds, peakRssMb: peak, summary: JSON.parse(stdout), stderr });
    });
  });
}

const dir = mkdtempSync(join(tmpdir(), 'teamset-bench-import-'));
try {
  const cocoFile = join(dir, 'instances.json');
  const generatedAt = performance.now();
  const counts = writeSyntheticCoco(cocoFile, { images: IMAGES, boxesPerImage: BOXES });
  const mb = statSync(cocoFile).size / 2 ** 20;
  console.log(
    `generated ${counts.images} images, ${counts.annotations} boxes, ${counts.categories} categories: ${mb.toFixed(0)} MiB in ${((performance.now() - generatedAt) / 1000).toFixed(1)} s`,
  );

  const databaseUri = `sqlite:${join(dir, 'bench.db')}`;
  const setup = await createServices({ databaseUri, background: false });
  await setup.users.create(SYSTEM_ACTOR, { email: 'bench@example.com', name: 'Bench', role: 'MEMBER' });
  const { key } = await setup.keys.generate(SYSTEM_ACTOR, { name: 'bench', user: 'bench@example.com' });
  await setup.close();

  const server = await startServer(databaseUri);
  try {
    const env = {
      ...process.env,
      FIFTYONE_API_URI: server.url,
      FIFTYONE_API_KEY: key,
      FIFTYONE_CONFIG_PATH: join(dir, 'none.json'),
    };
    const run = await runCli(
      ['--json', 'import', cocoFile, '--type', 'coco', '--dataset', 'bench coco', '--images-dir', '/data/coco'],
      env,
    );
    const stored = await (
      await loadDataset('bench coco', new ApiConnection({ apiUri: server.url, apiKey: key }))
    ).count();
    const result = {
      images: run.summary.samples,
      boxes: run.summary.labels,
      stored,
      fileMiB: Math.round(mb),
      cliSeconds: Number(run.seconds.toFixed(2)),
      imagesPerSecond: Math.round(run.summary.samples / run.seconds),
      importSeconds: Number(run.summary.seconds.toFixed(2)),
      imagesPerSecondInImport: Math.round(run.summary.samples / run.summary.seconds),
      cliPeakRssMiB: Math.round(run.peakRssMb),
    };
    console.table([result]);
    console.log(
      `targets: ≥ 10,000 images/s (${result.imagesPerSecond >= 10_000 ? 'met' : 'not met'}), peak memory < 1 GB (${result.cliPeakRssMiB < 1024 ? 'met' : 'not met'})`,
    );
  } finally {
    await server.stop();
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
