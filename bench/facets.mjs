// `npm run bench:facets`: the App sidebar's facets (issue 12) over N samples × 5 detections on SQLite and PostgreSQL,
// each figure next to a baseline of the same run (raw SQL on the same data, /health alone). A benchmark, not a test:
// it reports and never fails CI. The dataset is built once per size and dialect and kept (see --cache), so reruns
// measure at once. See docs/benchmarks.md.
import { mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createServices, SYSTEM_ACTOR } from '@teamset/core';
import { ApiConnection, DatabaseConnection, F, createDataset, datasetExists, loadDataset } from '@teamset/sdk';
import { keepAliveAgent, send } from './http-client.mjs';
import { latencySummary, machineLoad } from './latency-stats.mjs';
import { peakRssMb } from './process-memory.mjs';
import { syntheticSample } from './synthetic-samples.mjs';
import { startServe } from './teamset-servers.mjs';

const { values: args } = parseArgs({
  options: {
    samples: { type: 'string', default: '1000000' },
    dialects: { type: 'string', default: process.env.BENCH_DIALECTS ?? 'sqlite,postgres' },
    repeat: { type: 'string', default: '5' },
    'load-seconds': { type: 'string', default: '20' },
    cache: { type: 'string', default: process.env.BENCH_CACHE ?? join(tmpdir(), 'teamset-bench-facets') },
    rebuild: { type: 'boolean', default: false },
    // Only build (or migrate) the cached datasets, e.g. in the background before measuring another build.
    'build-only': { type: 'boolean', default: false },
    // The servers listen on this port and the next: two runs at once (other sizes, other caches) need others.
    port: { type: 'string', default: '5360' },
  },
});
const SAMPLES = Number(args.samples);
const REPEAT = Number(args.repeat);
const LOAD_SECONDS = Number(args['load-seconds']);
const CLIENTS = 4;
const LONG_MS = 3_600_000;
const CLASSES = 80;
const NAME = 'facets';
const PG_ADMIN = process.env.TEAMSET_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** The bench:datasets sample with 80 classes, a second sample tag on some and a second numeric field. */
function facetSample(i) {
  const sample = syntheticSample(i);
  sample.ground_truth.detections.forEach((d, k) => {
    d.label = `class_${String((i * 31 + k * 17 + Math.floor(d.confidence * 997)) % CLASSES).padStart(2, '0')}`;
  });
  if (i % 10 === 0) sample.tags.push('reviewed');
  sample.score = (i % 1000) / 10;
  return sample;
}
function* facetSamples(count) {
  for (let i = 0; i < count; i++) yield facetSample(i);
}

// ---- the cached databases ----

/** The kept database of this size and dialect: `{ uri, raw }`, `raw` a plain driver connection for the baselines. */
async function benchDatabase(dialect) {
  if (dialect === 'sqlite') {
    const dir = join(args.cache, `sqlite-${SAMPLES}`);
    if (args.rebuild) rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const file = join(dir, 'bench.db');
    return {
      uri: `sqlite:${file}`,
      diskBytes: () => readdirSync(dir).reduce((sum, f) => sum + statSync(join(dir, f)).size, 0),
    };
  }
  const name = `teamset_bench_facets_${SAMPLES}`;
  const admin = new pg.Client({ connectionString: PG_ADMIN });
  await admin.connect();
  try {
    if (args.rebuild) await admin.query(`drop database if exists ${name} with (force)`);
    const found = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(PG_ADMIN);
  url.pathname = `/${name}`;
  return { uri: url.toString(), diskBytes: undefined };
}

/** Adds the samples unless a finished dataset of this size is there (a half-built one is deleted first). */
async function ensureDataset(uri) {
  const direct = new DatabaseConnection(uri);
  try {
    if (await datasetExists(NAME, direct)) {
      const existing = await loadDataset(NAME, direct);
      if ((await existing.count()) === SAMPLES) return { builtSeconds: undefined };
      await existing.delete();
    }
    const dataset = await createDataset(NAME, {}, direct);
    const started = performance.now();
    let added = 0;
    await dataset.addSamples(facetSamples(SAMPLES), {
      returnIds: false,
      progress: (progress) => {
        if (Math.floor(progress.added / 100_000) > Math.floor(added / 100_000))
          console.error(`bench:facets: built ${progress.added} samples`);
        added = progress.added;
      },
    });
    const builtSeconds = (performance.now() - started) / 1000;
    if (uri.startsWith('postgres')) {
      // What autovacuum does to a server left running after a bulk load, done now: without statistics PostgreSQL
      // sized `id in (…)` and joins by defaults and read a tag write's 1,000 samples from all 1M (1.2 s, not 0.1 s).
      const client = new pg.Client({ connectionString: uri });
      await client.connect();
      await client.query('vacuum analyze').finally(() => client.end());
    }
    return { builtSeconds };
  } finally {
    await direct.close();
  }
}

/** A member with a fresh key (keys are stored hashed, so a kept database cannot give the last run's back). */
async function benchKey(uri) {
  const services = await createServices({ databaseUri: uri, background: false });
  try {
    const email = 'bench@example.com';
    await services.users
      .get(SYSTEM_ACTOR, email)
      .catch(() => services.users.create(SYSTEM_ACTOR, { email, name: 'Bench', role: 'ADMIN' }));
    return (await services.keys.generate(SYSTEM_ACTOR, { name: `bench ${Date.now()}`, user: email })).key;
  } finally {
    await services.close();
  }
}

// ---- raw baselines: the same data through the plain driver ----

async function rawBaselines(dialect, uri) {
  if (dialect === 'sqlite') {
    const db = new Database(uri.slice('sqlite:'.length), { readonly: true });
    const id = db.prepare('select id from datasets where name = ?').get(NAME).id;
    const count = db.prepare('select count(*) as n from samples where dataset_id = ?');
    const groupBy = db.prepare(
      `select d.value ->> '$.label' as label, count(*) as n from samples s, json_each(s.fields, '$.ground_truth.detections') d
       where s.dataset_id = ? group by 1`,
    );
    let tables;
    try {
      tables = db.prepare('select name, sum(pgsize) as bytes from dbstat group by name order by 2 desc limit 8').all();
    } catch {
      tables = undefined; // no dbstat in this build
    }
    return {
      count: async () => count.get(id).n,
      groupBy: async () => groupBy.all(id).length,
      tables: async () => tables,
      databaseBytes: async () => undefined,
      close: async () => db.close(),
    };
  }
  const client = new pg.Client({ connectionString: uri });
  await client.connect();
  const id = (await client.query('select id from datasets where name = $1', [NAME])).rows[0].id;
  return {
    count: async () =>
      Number((await client.query('select count(*) as n from samples where dataset_id = $1', [id])).rows[0].n),
    groupBy: async () =>
      (
        await client.query(
          `select d ->> 'label' as label, count(*) as n from samples s, jsonb_array_elements(s.fields -> 'ground_truth' -> 'detections') d
           where s.dataset_id = $1 group by 1`,
          [id],
        )
      ).rowCount,
    tables: async () =>
      (
        await client.query(
          `select relname as name, pg_total_relation_size(oid) as bytes from pg_class
           where relkind = 'r' and relnamespace = 'public'::regnamespace order by 2 desc limit 8`,
        )
      ).rows.map((r) => ({ name: r.name, bytes: Number(r.bytes) })),
    databaseBytes: async () =>
      Number((await client.query('select pg_database_size(current_database()) as b')).rows[0].b),
    close: () => client.end(),
  };
}

// ---- timing ----

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
async function millis(work) {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}
/** Latencies of `REPEAT` runs after one warm-up, and the last answer. */
async function repeated(work) {
  let result = await work();
  const times = [];
  for (let i = 0; i < REPEAT; i++) {
    const run = await millis(work);
    times.push(run.ms);
    result = run.result;
  }
  return { ...latencySummary(times), result };
}

/** /health latencies polled one after another (20 ms apart) until `until()` says stop. */
async function pollHealth(url, until) {
  const agent = keepAliveAgent();
  const times = [];
  while (!until()) {
    const { ms, result } = await millis(() => send(`${url}/health`, { agent }));
    if (result.status !== 200) throw new Error(`/health answered ${result.status}`);
    times.push(ms);
    await sleep(20);
  }
  agent.destroy();
  return latencySummary(times);
}

/** The sidebar's filter: one class, confidence in a range (FiftyOne's filter_labels from the App). */
const filtered = (dataset) =>
  dataset.filterLabels(
    'ground_truth',
    F('label').eq('class_07').and(F('confidence').gte(0.2)).and(F('confidence').lte(0.8)),
  );

async function benchDialect(dialect, port) {
  const database = await benchDatabase(dialect);
  const out = { dialect, samples: SAMPLES };
  console.error(`bench:facets: ${dialect}: dataset of ${SAMPLES} samples (cache ${args.cache})…`);
  Object.assign(out, await ensureDataset(database.uri));
  if (args['build-only']) return out;
  const key = await benchKey(database.uri);
  // Today's engine takes minutes over 1M samples on a busy machine: the figures are the point, not the budgets.
  const server = await startServe(database.uri, port, ['--query-timeout', String(LONG_MS / 1000)]);
  const raw = await rawBaselines(dialect, database.uri);
  const connect = () => new ApiConnection({ apiUri: server.url, apiKey: key, timeoutMs: LONG_MS });
  const api = connect();
  const clients = Array.from({ length: CLIENTS }, connect);
  try {
    const dataset = await loadDataset(NAME, api);
    console.error(`bench:facets: ${dialect}: facets…`);
    const facets = await repeated(() => dataset.facets());
    out.facets = { ...facets, result: undefined };
    out.facetsLabels = facets.result.labels[0]?.count;
    out.facetsClasses = facets.result.labels[0]?.classes?.distinct;
    out.rawCount = await repeated(raw.count);
    out.rawGroupBy = await repeated(raw.groupBy);
    out.rawGroupBy.result = undefined;
    const narrowed = await repeated(() => filtered(dataset).facets());
    out.facetsFiltered = { ...narrowed, result: undefined };
    out.facetsFilteredLabels = narrowed.result.labels[0]?.count;

    console.error(`bench:facets: ${dialect}: /health alone, then with ${CLIENTS} clients running facets…`);
    const aloneUntil = Date.now() + 3_000;
    out.healthAlone = await pollHealth(server.url, () => Date.now() > aloneUntil);
    let stop = false;
    let loops = 0;
    const loadEnds = Date.now() + LOAD_SECONDS * 1000;
    const load = clients.map(async (client) => {
      const view = await loadDataset(NAME, client);
      while (!stop) {
        await view.facets();
        loops++;
      }
    });
    out.healthUnderLoad = await pollHealth(server.url, () => Date.now() > loadEnds);
    stop = true;
    await Promise.all(load);
    out.facetsUnderLoad = loops;

    console.error(`bench:facets: ${dialect}: match + match_tags count…`);
    const matched = await repeated(() => dataset.match(F('uniqueness').gt(0.5)).matchTags('train').count());
    out.matchCount = matched;
    out.serverPeakRssMb = peakRssMb(server.pid);
    out.tables = await raw.tables();
    out.databaseBytes = database.diskBytes?.() ?? (await raw.databaseBytes());
    out.labelIndexBytes =
      out.tables?.filter((t) => /label/i.test(t.name)).reduce((sum, t) => sum + t.bytes, 0) || undefined;
  } finally {
    await raw.close();
    for (const client of clients) await client.close();
    await api.close();
    await server.stop();
  }
  return out;
}

const results = [];
const load = { before: machineLoad() };
for (const [i, dialect] of args.dialects.split(',').entries()) {
  const result = await benchDialect(dialect, Number(args.port) + i);
  // Printed at once, so a long run that fails later still leaves the finished dialect's numbers.
  console.error(JSON.stringify(result));
  results.push(result);
}
load.after = machineLoad();
if (args['build-only']) process.exit(0);

const fmt = (n, digits = 0) =>
  n === undefined || n === null || Number.isNaN(n)
    ? '—'
    : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const mb = (bytes) => (bytes === undefined ? '—' : fmt(bytes / 2 ** 20));
const rows = [
  ['whole-sidebar facets, unfiltered, p50 (ms)', '≤ 300', (r) => fmt(r.facets.p50)],
  ['… p95 (ms)', '≤ 500', (r) => fmt(r.facets.p95)],
  ['baseline: raw count(*) of the samples, p50 (ms)', '', (r) => fmt(r.rawCount.p50, 1)],
  ['baseline: raw SQL group-by of the labels’ classes, p50 (ms)', '', (r) => fmt(r.rawGroupBy.p50)],
  ['facets with a class filter + confidence range, p95 (ms)', '≤ 500', (r) => fmt(r.facetsFiltered.p95)],
  [`/health p99 while ${CLIENTS} clients run facets (ms)`, '≤ 50', (r) => fmt(r.healthUnderLoad?.p99, 1)],
  ['… facets answered meanwhile', '', (r) => fmt(r.facetsUnderLoad)],
  ['baseline: /health p99 alone (ms)', '', (r) => fmt(r.healthAlone?.p99, 1)],
  ['match + match_tags count, p50 (ms)', '≤ 300', (r) => fmt(r.matchCount.p50)],
  ['server peak RSS (MB)', '< 1,024', (r) => fmt(r.serverPeakRssMb)],
  ['database size on disk (MB)', '', (r) => mb(r.databaseBytes)],
  ['label index size (MB)', '', (r) => mb(r.labelIndexBytes)],
];
console.log(
  `Facets over ${fmt(SAMPLES)} samples × 5 detections (${CLASSES} classes), ${REPEAT} runs after a warm-up; ${load.before} before, ${load.after} after.`,
);
console.log(`| measure | target | ${results.map((r) => r.dialect).join(' | ')} |`);
console.log(`|---|---|${results.map(() => '---').join('|')}|`);
for (const [label, target, get] of rows) console.log(`| ${label} | ${target} | ${results.map(get).join(' | ')} |`);
console.log(JSON.stringify({ date: new Date().toISOString(), samples: SAMPLES, load, results }));
