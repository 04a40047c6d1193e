// `npm run bench:load`: 50 concurrent clients mixing reads, writes, tagging and key checks against a real `teamset serve`,
// on SQLite and then PostgreSQL (issue 14: 0 errors; p99 and throughput in docs/benchmarks.md). Exits 1 on any error.
import { createServices, SYSTEM_ACTOR } from '@teamset/core';
import { keepAliveAgent, send } from './http-client.mjs';
import { latencySummary, machineLoad } from './latency-stats.mjs';
import { syntheticSample } from './synthetic-samples.mjs';
import { createBenchDatabase, startServe } from './teamset-servers.mjs';

const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',');
const SECONDS = Number(process.env.BENCH_LOAD_SECONDS ?? 60);
const CLIENTS = Number(process.env.BENCH_LOAD_CLIENTS ?? 50);
const USERS = Number(process.env.BENCH_LOAD_USERS ?? 10);
const DATASETS = Number(process.env.BENCH_LOAD_DATASETS ?? 3);
const SAMPLES = Number(process.env.BENCH_LOAD_SAMPLES ?? 2_000);
const PORT = Number(process.env.BENCH_PORT ?? 5420);
/** Samples per write in the mix: a labelling tool saving its work, not a bulk import. */
const BATCH = 5;

const pick = (list) => list[Math.floor(Math.random() * list.length)];
const picks = (list, n) => Array.from({ length: n }, () => pick(list));

/**
 * The mix, by weight. Every operation is something a team does all day; each runs as one of the
 * users, with that user's own key.
 */
const OPERATIONS = [
  { kind: 'read: list datasets', weight: 2, run: (c) => c.call('GET', '/api/v1/datasets?pageSize=20') },
  {
    kind: 'read: view page',
    weight: 3,
    run: (c, d) =>
      c.call('POST', `/api/v1/datasets/${d.name}/samples/query`, {
        view: {
          stages: [
            { stage: 'match_tags', tags: [pick(['train', 'val'])] },
            { stage: 'sort_by', field: 'uniqueness', reverse: true },
          ],
        },
        limit: 20,
      }),
  },
  {
    kind: 'read: count and aggregate',
    weight: 2,
    run: (c, d) =>
      c.call('POST', `/api/v1/datasets/${d.name}/aggregate`, {
        view: {
          stages: [
            {
              stage: 'match',
              filter: {
                op: 'gt',
                args: [
                  { op: 'field', path: 'uniqueness' },
                  { op: 'lit', value: Math.random() },
                ],
              },
            },
          ],
        },
        aggregations: [
          { type: 'count' },
          { type: 'count_values', path: 'ground_truth.detections.label' },
          { type: 'bounds', path: 'uniqueness' },
        ],
      }),
  },
  {
    kind: 'write: add samples',
    weight: 1,
    run: async (c, d) => {
      const samples = Array.from({ length: BATCH }, () => syntheticSample(d.nextIndex++));
      const answer = await c.call('POST', `/api/v1/datasets/${d.name}/samples`, { samples });
      if (answer.status === 201) d.ids.push(...JSON.parse(answer.text).ids);
      return answer;
    },
  },
  {
    kind: 'write: set a field',
    weight: 1,
    run: (c, d) =>
      c.call('PATCH', `/api/v1/datasets/${d.name}/samples/${pick(d.ids)}`, {
        set: { reviewed: Math.random() < 0.5, score: Math.random() },
      }),
  },
  {
    kind: 'tag samples',
    weight: 1,
    run: (c, d) =>
      c.call('POST', `/api/v1/datasets/${d.name}/tags/add`, {
        view: { stages: [{ stage: 'select', sample_ids: picks(d.ids, 5) }] },
        tags: ['reviewed'],
      }),
  },
  {
    kind: 'untag samples',
    weight: 1,
    run: (c, d) =>
      c.call('POST', `/api/v1/datasets/${d.name}/tags/remove`, {
        view: { stages: [{ stage: 'select', sample_ids: picks(d.ids, 5) }] },
        tags: ['reviewed'],
      }),
  },
  // Every client checks keys other than its own: several keys in each server's cache, in turn.
  { kind: 'key check: whoami', weight: 3, run: (c) => c.call('GET', '/api/v1/whoami', undefined, pick(c.allKeys)) },
];
/** BENCH_LOAD_ONLY=whoami,view keeps the operations whose kind contains one of the words (to isolate one). */
const ONLY = process.env.BENCH_LOAD_ONLY?.split(',');
if (ONLY)
  OPERATIONS.splice(0, OPERATIONS.length, ...OPERATIONS.filter((op) => ONLY.some((word) => op.kind.includes(word))));
const TOTAL_WEIGHT = OPERATIONS.reduce((sum, op) => sum + op.weight, 0);
function pickOperation() {
  let r = Math.random() * TOTAL_WEIGHT;
  for (const op of OPERATIONS) if ((r -= op.weight) < 0) return op;
  return OPERATIONS[OPERATIONS.length - 1];
}

/** Users, keys and datasets of samples; the datasets let every member edit (their default permission). */
async function seed(databaseUri) {
  const setup = await createServices({ databaseUri, background: false });
  await setup.users.create(SYSTEM_ACTOR, { email: 'admin@example.com', name: 'Admin', role: 'ADMIN' });
  const adminKey = (await setup.keys.generate(SYSTEM_ACTOR, { name: 'admin', user: 'admin@example.com' })).key;
  const keys = [];
  for (let i = 0; i < USERS; i++) {
    const email = `member${i}@example.com`;
    await setup.users.create(SYSTEM_ACTOR, { email, name: `Member ${i}`, role: 'MEMBER' });
    keys.push((await setup.keys.generate(SYSTEM_ACTOR, { name: 'load', user: email })).key);
  }
  await setup.close();
  return { adminKey, keys };
}

async function seedDatasets(url, adminKey) {
  const agent = keepAliveAgent();
  const admin = async (method, path, json, expected) => {
    const answer = await send(`${url}${path}`, { method, json, headers: { 'x-api-key': adminKey }, agent });
    if (answer.status !== expected)
      throw new Error(`seeding: ${method} ${path} answered ${answer.status}: ${answer.text.slice(0, 300)}`);
    return answer.text ? JSON.parse(answer.text) : undefined;
  };
  const datasets = [];
  for (let i = 0; i < DATASETS; i++) {
    const name = `load-${i}`;
    await admin('POST', '/api/v1/datasets', { name }, 201);
    await admin('PUT', `/api/v1/datasets/${name}/permissions/default`, { permission: 'EDIT' }, 200);
    const ids = [];
    for (let start = 0; start < SAMPLES; start += 1000) {
      const samples = Array.from({ length: Math.min(1000, SAMPLES - start) }, (_, k) => syntheticSample(start + k));
      ids.push(...(await admin('POST', `/api/v1/datasets/${name}/samples`, { samples }, 201)).ids);
    }
    datasets.push({ name, ids, nextIndex: SAMPLES });
  }
  agent.destroy();
  return datasets;
}

/**
 * Runs the mix until the deadline: `CLIENTS` loops of one request at a time over connections opened
 * beforehand (clients keep theirs alive), plus two baseline loops on /health: one over its own open
 * connection, one opening a new connection per request, as a newcomer (a browser, a script starting) would.
 */
async function runLoad(url, keys, datasets) {
  const results = new Map(OPERATIONS.map((op) => [op.kind, { latencies: [], errors: 0 }]));
  const health = { latencies: [], errors: 0 };
  const healthFresh = { latencies: [], errors: 0 };
  const errorSamples = [];
  const agent = keepAliveAgent();
  const healthAgent = keepAliveAgent();
  await Promise.all(Array.from({ length: CLIENTS }, () => send(`${url}/health`, { agent })));
  await send(`${url}/health`, { agent: healthAgent });
  const deadline = performance.now() + SECONDS * 1000;
  const timed = async (record, request) => {
    const started = performance.now();
    let answer;
    try {
      answer = await request();
    } catch (error) {
      answer = { status: 0, text: String(error) };
    }
    record.latencies.push(performance.now() - started);
    // Every operation in the mix is expected to succeed: any other answer is an error.
    if (answer.status < 200 || answer.status > 299) {
      record.errors++;
      if (errorSamples.length < 10) errorSamples.push(`${answer.status} ${answer.text.slice(0, 200)}`);
    }
    return answer;
  };
  const client = (i) => {
    const ownKey = keys[i % keys.length];
    return {
      allKeys: keys,
      call: (method, path, json, key = ownKey) =>
        send(`${url}${path}`, { method, json, headers: { 'x-api-key': key }, agent }),
    };
  };
  const loops = Array.from({ length: CLIENTS }, async (_, i) => {
    const c = client(i);
    while (performance.now() < deadline) {
      const op = pickOperation();
      await timed(results.get(op.kind), () => op.run(c, pick(datasets)));
    }
  });
  const baseline = async (record, options) => {
    while (performance.now() < deadline) await timed(record, () => send(`${url}/health`, options));
  };
  const started = performance.now();
  await Promise.all([...loops, baseline(health, { agent: healthAgent }), baseline(healthFresh, { agent: false })]);
  const elapsedS = (performance.now() - started) / 1000;
  agent.destroy();
  healthAgent.destroy();
  return { results, health, healthFresh, errorSamples, elapsedS };
}

const ms = (v) => (v === undefined ? '—' : v.toFixed(1));
function printTable(dialect, run) {
  console.log(`\n### ${dialect}: ${CLIENTS} clients for ${run.elapsedS.toFixed(1)} s\n`);
  console.log(
    '| operation | requests | req/s | p50 ms | p95 ms | p99 ms | max ms | errors |\n| --- | --- | --- | --- | --- | --- | --- | --- |',
  );
  const row = (label, record) => {
    const s = latencySummary(record.latencies);
    console.log(
      `| ${label} | ${record.latencies.length} | ${(record.latencies.length / run.elapsedS).toFixed(0)} | ${ms(s?.p50)} | ${ms(s?.p95)} | ${ms(s?.p99)} | ${ms(s?.max)} | ${record.errors} |`,
    );
  };
  for (const [kind, record] of run.results) row(kind, record);
  const all = {
    latencies: [...run.results.values()].flatMap((r) => r.latencies),
    errors: [...run.results.values()].reduce((n, r) => n + r.errors, 0),
  };
  row('**all of the mix**', all);
  row('`/health`, its own open connection (baseline)', run.health);
  row('`/health`, a new connection each time', run.healthFresh);
  for (const sample of run.errorSamples) console.log(`error: ${sample}`);
  return all.errors + run.health.errors + run.healthFresh.errors;
}

console.log(
  `Teamset load benchmark — Node ${process.version}; ${CLIENTS} clients, ${USERS} users with a key each, ${DATASETS} datasets of ${SAMPLES} samples; ` +
    `${SECONDS} s per database; machine ${machineLoad()} at the start`,
);
let errors = 0;
for (const [i, dialect] of DIALECTS.entries()) {
  const database = await createBenchDatabase(dialect);
  try {
    const { adminKey, keys } = await seed(database.uri);
    const server = await startServe(database.uri, PORT + i);
    try {
      const datasets = await seedDatasets(server.url, adminKey);
      const run = await runLoad(server.url, keys, datasets);
      errors += printTable(dialect, run);
    } finally {
      await server.stop();
    }
  } finally {
    await database.drop();
  }
}
console.log(`\nMachine ${machineLoad()} at the end. ${errors === 0 ? 'No errors.' : `${errors} ERRORS.`}`);
process.exitCode = errors === 0 ? 0 : 1;
