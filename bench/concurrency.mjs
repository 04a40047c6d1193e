// `npm run bench:concurrency`: /health latency while 4 clients run a heavy aggregate in a loop against a real `teamset serve`,
// on SQLite (reader threads, against --readers 0 as the baseline) and PostgreSQL, each next to /health on the idle server (issue 12).
import { createServices, SYSTEM_ACTOR } from '@teamset/core';
import { keepAliveAgent, send } from './http-client.mjs';
import { latencySummary, machineLoad } from './latency-stats.mjs';
import { syntheticSamples } from './synthetic-samples.mjs';
import { createBenchDatabase, startServe } from './teamset-servers.mjs';

const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',');
const SAMPLES = Number(process.env.BENCH_CONCURRENCY_SAMPLES ?? 50_000);
const SECONDS = Number(process.env.BENCH_CONCURRENCY_SECONDS ?? 20);
const CLIENTS = Number(process.env.BENCH_CONCURRENCY_CLIENTS ?? 4);
const PORT = Number(process.env.BENCH_PORT ?? 5440);
/** One /health every 20 ms: a monitor, a browser's other requests. */
const HEALTH_INTERVAL_MS = 20;
const NAME = 'concurrency';
/** The sidebar's heavy part: class counts, a confidence histogram and the sample tags of every sample. */
const HEAVY = {
  aggregations: [
    { type: 'count_values', path: 'ground_truth.detections.label' },
    { type: 'histogram_values', path: 'ground_truth.detections.confidence', bins: 20 },
    { type: 'count_values', path: 'tags' },
  ],
};

/** The dataset, added in-process on the database connection (the subject is reading, not writing), and an admin key. */
async function seed(databaseUri) {
  const services = await createServices({ databaseUri, background: false });
  await services.users.create(SYSTEM_ACTOR, { email: 'admin@example.com', name: 'Admin', role: 'ADMIN' });
  const key = (await services.keys.generate(SYSTEM_ACTOR, { name: 'bench', user: 'admin@example.com' })).key;
  await services.datasets.create(SYSTEM_ACTOR, { name: NAME });
  for (let start = 0; start < SAMPLES; start += 5_000)
    await services.samples.addSamples(SYSTEM_ACTOR, NAME, [
      ...syntheticSamples(Math.min(5_000, SAMPLES - start), start),
    ]);
  await services.close();
  return key;
}

/** /health at a steady pace for `seconds`, over its own connection: its latencies. */
async function probeHealth(url, seconds) {
  const agent = keepAliveAgent();
  const latencies = [];
  const until = performance.now() + seconds * 1000;
  while (performance.now() < until) {
    const started = performance.now();
    const answer = await send(`${url}/health`, { agent });
    if (answer.status !== 200) throw new Error(`/health answered ${answer.status}`);
    latencies.push(performance.now() - started);
    await new Promise((resolve) => setTimeout(resolve, HEALTH_INTERVAL_MS));
  }
  agent.destroy();
  return latencies;
}

async function aggregate(url, key, agent) {
  const answer = await send(`${url}/api/v1/datasets/${NAME}/aggregate`, {
    method: 'POST',
    json: HEAVY,
    headers: { 'x-api-key': key },
    agent,
  });
  if (answer.status !== 200) throw new Error(`aggregate answered ${answer.status}: ${answer.text.slice(0, 200)}`);
}

/** /health while CLIENTS loop on the heavy aggregate: both latency lists. */
async function underLoad(url, key) {
  const agent = keepAliveAgent();
  // Untimed, once per client: reader threads started and the file in the page cache, as on a server in use.
  await Promise.all(Array.from({ length: CLIENTS }, () => aggregate(url, key, agent)));
  const aggregates = [];
  let stop = false;
  const loops = Array.from({ length: CLIENTS }, async () => {
    while (!stop) {
      const started = performance.now();
      await aggregate(url, key, agent);
      aggregates.push(performance.now() - started);
    }
  });
  // The aggregates first, so /health meets them already running.
  await new Promise((resolve) => setTimeout(resolve, 500));
  const health = await probeHealth(url, SECONDS);
  stop = true;
  await Promise.all(loops);
  agent.destroy();
  return { health, aggregates };
}

const ms = (v) => (v === undefined ? '—' : v.toFixed(1));
function row(label, latencies) {
  const s = latencySummary(latencies);
  return `| ${label} | ${latencies.length} | ${ms(s?.p50)} | ${ms(s?.p95)} | ${ms(s?.p99)} | ${ms(s?.max)} |`;
}

console.log(
  `Teamset concurrency benchmark — Node ${process.version}; ${SAMPLES} samples × 5 detections; ${CLIENTS} clients looping on an aggregate ` +
    `(${HEAVY.aggregations.map((a) => `${a.type} ${a.path}`).join(', ')}); ${SECONDS} s per run; machine ${machineLoad()} at the start`,
);
for (const [i, dialect] of DIALECTS.entries()) {
  const database = await createBenchDatabase(dialect);
  try {
    const key = await seed(database.uri);
    // SQLite: the reader threads, and --readers 0 (every read on the event loop, as before them) as the baseline.
    // A budget far above the aggregates' time: this measures waiting, not the budget.
    const budget = ['--query-timeout', '600'];
    const modes =
      dialect === 'sqlite'
        ? [
            ['readers: default', budget],
            ['readers: 0 (baseline)', [...budget, '--readers', '0']],
          ]
        : [['', budget]];
    console.log(
      `\n### ${dialect}\n\n| run | requests | p50 ms | p95 ms | p99 ms | max ms |\n| --- | --- | --- | --- | --- | --- |`,
    );
    for (const [m, [label, args]] of modes.entries()) {
      const server = await startServe(database.uri, PORT + 2 * i + m, args);
      try {
        const idle = await probeHealth(server.url, Math.min(5, SECONDS));
        const loaded = await underLoad(server.url, key);
        const prefix = label ? `${label}, ` : '';
        console.log(row(`${prefix}\`/health\`, idle server`, idle));
        console.log(row(`${prefix}\`/health\`, ${CLIENTS} clients aggregating`, loaded.health));
        console.log(row(`${prefix}the aggregate itself, ${CLIENTS} at once`, loaded.aggregates));
      } finally {
        await server.stop();
      }
    }
  } finally {
    await database.drop();
  }
}
console.log(`\nMachine ${machineLoad()} at the end.`);
