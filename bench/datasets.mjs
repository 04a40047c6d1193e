// `npm run bench:datasets`: the dataset targets of issue 3 on SQLite and PostgreSQL, API vs database connection
// measured in the same run. A benchmark, not a test: it reports and never fails CI. See docs/benchmarks.md.
import { fork } from 'node:child_process';
import { createServices, SYSTEM_ACTOR } from '@teamset/core';
import { ApiConnection, DatabaseConnection, F, createDataset, loadDataset } from '@teamset/sdk';
import { rawInsert, rawRead } from './raw-baselines.mjs';
import { syntheticSamples } from './synthetic-samples.mjs';
import { createBenchDatabase, startServe } from './teamset-servers.mjs';

const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',');
const ADD = Number(process.env.BENCH_ADD ?? 100_000);
const BIG = Number(process.env.BENCH_BIG ?? 1_000_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
/** Rounds of iterating (API, then database connection, alternating); the median rate of each is reported. */
/** First port of the servers (one per dialect), so two runs on one machine need not collide. */
const PORT = Number(process.env.BENCH_PORT ?? 5300);
const ITERATE_ROUNDS = Number(process.env.BENCH_ITERATE_ROUNDS ?? 1);

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const seconds = async (work) => {
  const started = performance.now();
  const result = await work();
  return { seconds: (performance.now() - started) / 1000, result };
};
/** Median wall time of `REPEAT` runs after one warm-up, and the last answer. */
async function timed(work) {
  let result = await work();
  const times = [];
  for (let i = 0; i < REPEAT; i++) {
    const run = await seconds(work);
    times.push(run.seconds);
    result = run.result;
  }
  return { seconds: median(times), result };
}

function addThroughChild(apiUri, apiKey, name, count) {
  return new Promise((resolve, reject) => {
    const child = fork(new URL('./add-samples-child.mjs', import.meta.url), [apiUri, apiKey, name, String(count)], {
      stdio: 'inherit',
    });
    child.once('message', resolve);
    child.once('exit', (code) => (code === 0 ? undefined : reject(new Error(`add-samples child exited with ${code}`))));
  });
}

async function benchDialect(dialect, port) {
  const database = await createBenchDatabase(dialect);
  const out = { dialect };
  try {
    const setup = await createServices({ databaseUri: database.uri, background: false });
    await setup.users.create(SYSTEM_ACTOR, { email: 'bench@example.com', name: 'Bench', role: 'MEMBER' });
    const { key } = await setup.keys.generate(SYSTEM_ACTOR, { name: 'bench', user: 'bench@example.com' });
    await setup.close();
    const server = await startServe(database.uri, port);
    const api = new ApiConnection({ apiUri: server.url, apiKey: key });
    const direct = new DatabaseConnection(database.uri);
    try {
      // 1. Add ADD samples through each connection (each into its own dataset).
      const viaApi = await createDataset('bench api', {}, api);
      const addApi = await seconds(() => viaApi.addSamples(syntheticSamples(ADD), { returnIds: false }));
      const viaDb = await createDataset('bench db', {}, direct);
      const addDb = await seconds(() => viaDb.addSamples(syntheticSamples(ADD), { returnIds: false }));
      const addRaw = await seconds(() => rawInsert(database.uri, syntheticSamples(ADD)));
      out.addApiPerS = ADD / addApi.seconds;
      out.addDbPerS = ADD / addDb.seconds;
      out.addRawPerS = ADD / addRaw.seconds;

      // 2. count_values over the 5 × ADD labels of one dataset.
      const labels = await timed(() => viaApi.countValues('ground_truth.detections.label'));
      const labelsDb = await timed(() => viaDb.countValues('ground_truth.detections.label'));
      out.countValuesApiS = labels.seconds;
      out.countValuesDbS = labelsDb.seconds;
      out.labelCount = Object.values(
        labels.result instanceof Map ? Object.fromEntries(labels.result) : labels.result,
      ).reduce((a, b) => a + Number(b), 0);

      // 3. Iterate ADD samples through the SDK.
      const iterate = async (dataset) => {
        let n = 0;
        for await (const sample of dataset) if (sample.filepath) n++;
        return n;
      };
      // Alternating the two paths round by round, so a burst of load from elsewhere hits both alike.
      const rates = async (api, db) => {
        const apiRates = [];
        const dbRates = [];
        for (let round = 0; round < ITERATE_ROUNDS; round++) {
          const viaApiRun = await seconds(() => iterate(api()));
          apiRates.push(viaApiRun.result / viaApiRun.seconds);
          const viaDbRun = await seconds(() => iterate(db()));
          dbRates.push(viaDbRun.result / viaDbRun.seconds);
        }
        return [median(apiRates), median(dbRates)];
      };
      [out.iterateApiPerS, out.iterateDbPerS] = await rates(
        () => viaApi,
        () => viaDb,
      );
      // A `limit` view longer than the dataset: the same samples, through a view that cannot page by seq alone.
      [out.iterateLimitApiPerS, out.iterateLimitDbPerS] = await rates(
        () => viaApi.limit(2 * ADD),
        () => viaDb.limit(2 * ADD),
      );
      const iterRaw = await seconds(() => rawRead(database.uri, 'bench db'));
      out.iterateRawPerS = iterRaw.result / iterRaw.seconds;
      if (BIG === 0) return out;

      // 4. A separate SDK process adds BIG samples through the API: its peak memory, and the 1M dataset for step 5.
      const big = await addThroughChild(server.url, key, 'bench big', BIG);
      out.bigAdded = big.added;
      out.bigAddPerS = big.added / big.seconds;
      out.bigPeakRssMb = big.peakRssMb;

      // 5. count of a match + match_tags view over BIG samples.
      const bigApi = await loadDataset('bench big', api);
      const bigDb = await loadDataset('bench big', direct);
      const view = (d) => d.match(F('uniqueness').gt(0.5)).matchTags('train');
      const countApi = await timed(() => view(bigApi).count());
      const countDb = await timed(() => view(bigDb).count());
      out.bigCountApiS = countApi.seconds;
      out.bigCountDbS = countDb.seconds;
      out.bigCountResult = countApi.result;
    } finally {
      await direct.close();
      await api.close();
      await server.stop();
    }
  } finally {
    await database.drop();
  }
  return out;
}

const results = [];
for (const [i, dialect] of DIALECTS.entries()) {
  console.error(`bench:datasets: ${dialect} (${ADD} samples, ${BIG} for the big dataset)…`);
  const result = await benchDialect(dialect, PORT + i);
  // Printed at once, so a long run that fails later still leaves the finished dialect's numbers.
  console.error(JSON.stringify(result));
  results.push(result);
}

const fmt = (n, digits = 0) =>
  n === undefined ? '—' : n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const rows = [
  ['add samples, API (samples/s)', '≥ 20,000', (r) => fmt(r.addApiPerS)],
  ['add samples, database connection (samples/s)', '', (r) => fmt(r.addDbPerS)],
  ['API / database', '≥ 0.5', (r) => fmt(r.addApiPerS / r.addDbPerS, 2)],
  ['add samples, raw batched insert (samples/s)', '', (r) => fmt(r.addRawPerS)],
  ['API / raw insert', '', (r) => fmt(r.addApiPerS / r.addRawPerS, 2)],
  [`count_values over ${fmt(ADD * 5)} labels, API (s)`, '≤ 1', (r) => fmt(r.countValuesApiS, 3)],
  ['… database connection (s)', '', (r) => fmt(r.countValuesDbS, 3)],
  ['iterate samples, API (samples/s)', '≥ 50,000', (r) => fmt(r.iterateApiPerS)],
  ['… database connection (samples/s)', '', (r) => fmt(r.iterateDbPerS)],
  ['… raw driver, documents parsed (samples/s)', '', (r) => fmt(r.iterateRawPerS)],
  ['API / database connection', '≥ 0.8', (r) => fmt(r.iterateApiPerS / r.iterateDbPerS, 2)],
  [`iterate a limit(${fmt(2 * ADD)}) view, API (samples/s)`, '', (r) => fmt(r.iterateLimitApiPerS)],
  ['… database connection (samples/s)', '', (r) => fmt(r.iterateLimitDbPerS)],
  ['API / database connection', '≥ 0.8', (r) => fmt(r.iterateLimitApiPerS / r.iterateLimitDbPerS, 2)],
  [`add ${fmt(BIG)} samples, API, separate process (samples/s)`, '', (r) => fmt(r.bigAddPerS)],
  ['… peak memory of that SDK process (MB)', '< 500', (r) => fmt(r.bigPeakRssMb)],
  [`count of match + match_tags over ${fmt(BIG)}, API (s)`, '≤ 1', (r) => fmt(r.bigCountApiS, 3)],
  ['… database connection (s)', '', (r) => fmt(r.bigCountDbS, 3)],
];
console.log(`| measure | target | ${results.map((r) => r.dialect).join(' | ')} |`);
console.log(`|---|---|${results.map(() => '---').join('|')}|`);
for (const [label, target, get] of rows) console.log(`| ${label} | ${target} | ${results.map(get).join(' | ')} |`);
console.log(JSON.stringify({ date: new Date().toISOString(), add: ADD, big: BIG, results }));
