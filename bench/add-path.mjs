// `npm run bench:add-path`: where the add path's time goes among the index tables' triggers (migrations 0006, 0007,
// 0011, 0013), and what the same index upkeep costs in one set-based pass instead of per row. Through core services,
// each variant on a fresh database, the variants interleaved round by round, next to a raw batched insert of the same
// samples. A benchmark: it reports and never fails. See docs/benchmarks.md.
import { createServices, SYSTEM_ACTOR } from '@teamset/core';
import { sql } from 'kysely';
import { up as labelIndexUp } from '../packages/core/dist/db/migrations/0006-label-index.js';
import { up as countersUp } from '../packages/core/dist/db/migrations/0007-label-counters.js';
import { up as numberIndexUp } from '../packages/core/dist/db/migrations/0011-number-index.js';
import { up as numberCountersUp } from '../packages/core/dist/db/migrations/0013-number-counters.js';
import { machineLoad } from './latency-stats.mjs';
import { rawInsert } from './raw-baselines.mjs';
import { syntheticSamples } from './synthetic-samples.mjs';
import { createBenchDatabase } from './teamset-servers.mjs';

const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',');
const N = Number(process.env.BENCH_ADD_PATH_SAMPLES ?? 20_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 2);
const BATCH = 2_000;

const COUNTER_TRIGGERS = [
  ['sample_labels_count_insert', 'sample_labels'],
  ['sample_labels_count_delete', 'sample_labels'],
  ['sample_tags_count_insert', 'sample_tags'],
  ['sample_tags_count_delete', 'sample_tags'],
];
const NUMBER_COUNTER_TRIGGERS = ['insert', 'delete'].flatMap((e) => [
  [`sample_numbers_count_${e}`, 'sample_numbers'],
  [`samples_count_${e}`, 'samples'],
]);
const sampleTriggers = (kind) => ['insert', 'update', 'delete'].map((e) => [`samples_${kind}_${e}`, 'samples']);

async function dropTriggers(db, dialect, triggers) {
  for (const [name, table] of triggers) {
    const trigger = sql.raw(name);
    await (
      dialect === 'postgres' ? sql`drop trigger ${trigger} on ${sql.raw(table)}` : sql`drop trigger ${trigger}`
    ).execute(db);
  }
}

/** Everything migrations 0006, 0007, 0011 and 0013 created, dropped (the state before them), so their up() can run again. */
async function dropIndexes(db, dialect) {
  const pg = dialect === 'postgres';
  await dropTriggers(db, dialect, [
    ...sampleTriggers('label_index'),
    ...sampleTriggers('tag_index'),
    ...sampleTriggers('number_index'),
    ...NUMBER_COUNTER_TRIGGERS,
  ]);
  for (const table of [
    'number_bucket_counts',
    'dataset_sample_counts',
    'label_counts',
    'label_confidence_counts',
    'sample_tags',
    'sample_tag_counts',
    'sample_labels',
    'sample_numbers',
  ])
    await sql`drop table ${sql.raw(table)}`.execute(db);
  if (!pg) return;
  const functions = [
    'teamset_label_rows(jsonb)',
    ...['insert', 'update', 'delete'].flatMap((e) => [
      `teamset_label_index_${e}()`,
      `teamset_tag_index_${e}()`,
      `teamset_number_index_${e}()`,
    ]),
    ...['insert', 'delete'].flatMap((e) => [
      `teamset_label_counts_${e}()`,
      `teamset_sample_tag_counts_${e}()`,
      `teamset_number_counts_${e}()`,
      `teamset_sample_counts_${e}()`,
    ]),
  ];
  for (const fn of functions) await sql`drop function ${sql.raw(fn)}`.execute(db);
}

/** Samples per second of adding N samples in batches of BATCH through core services. */
async function addRate(services, dataset, samples) {
  const started = performance.now();
  for (let i = 0; i < samples.length; i += BATCH)
    await services.samples.addSamples(SYSTEM_ACTOR, dataset, samples.slice(i, i + BATCH));
  return performance.now() - started;
}

/**
 * Each variant prepares a fresh database (`before`) and may do work after the add that counts in its time (`after`).
 * An experiment of this session, kept as the last variant's measure: the add path writing each batch's index rows
 * set-based with the insert triggers deferred measured within noise of the per-row triggers (docs/benchmarks.md).
 */
const VARIANTS = {
  'as shipped (index triggers)': {},
  'without the counter triggers (0007)': {
    before: (db, dialect) => dropTriggers(db, dialect, COUNTER_TRIGGERS),
  },
  'without the number index triggers (0011)': {
    before: (db, dialect) => dropTriggers(db, dialect, sampleTriggers('number_index')),
  },
  'without the number and sample counters (0013)': {
    before: (db, dialect) => dropTriggers(db, dialect, NUMBER_COUNTER_TRIGGERS),
  },
  'no index upkeep at all': { before: dropIndexes },
  'no upkeep, then every index rebuilt set-based (one statement per table)': {
    before: dropIndexes,
    after: async (db, dialect) => {
      await labelIndexUp(db, dialect);
      await countersUp(db, dialect);
      await numberIndexUp(db, dialect);
      await numberCountersUp(db, dialect);
    },
  },
};

async function runVariant(dialect, variant, samples) {
  const database = await createBenchDatabase(dialect);
  const services = await createServices({
    databaseUri: database.uri,
    background: false,
    queryTimeoutMs: 0,
  });
  try {
    const db = services.database.db;
    await variant.before?.(db, dialect);
    await services.datasets.create(SYSTEM_ACTOR, { name: 'add' });
    let ms = await addRate(services, 'add', samples);
    if (variant.after) {
      const started = performance.now();
      await variant.after(db, dialect);
      ms += performance.now() - started;
    }
    return N / (ms / 1000);
  } finally {
    await services.close();
    await database.drop();
  }
}

async function rawRate(dialect, samples) {
  const database = await createBenchDatabase(dialect);
  try {
    const started = performance.now();
    await rawInsert(database.uri, samples);
    return N / ((performance.now() - started) / 1000);
  } finally {
    await database.drop();
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const load = { before: machineLoad() };
const samples = [...syntheticSamples(N)];
for (const dialect of DIALECTS) {
  const rates = Object.fromEntries([...Object.keys(VARIANTS), 'raw batched insert (no Teamset)'].map((k) => [k, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, variant] of Object.entries(VARIANTS))
      rates[name].push(await runVariant(dialect, variant, samples));
    rates['raw batched insert (no Teamset)'].push(await rawRate(dialect, samples));
  }
  console.log(`\n${dialect}: ${N} samples × 5 detections, ${ROUNDS} rounds, median samples/s (and each round)`);
  const shipped = median(rates['as shipped (index triggers)']);
  for (const [name, values] of Object.entries(rates))
    console.log(
      `| ${name} | ${Math.round(median(values))} | ${(median(values) / shipped).toFixed(2)}× | ${values.map(Math.round).join(', ')} |`,
    );
}
load.after = machineLoad();
console.log(`\nload: ${load.before} before, ${load.after} after`);
