// `npm run bench:label-index`: label-level aggregations from the label index against the document scan, the index's
// cost on add, and its disk size, on SQLite and PostgreSQL (through core services). Reports; never fails. docs/benchmarks.md.
import { createServices, SYSTEM_ACTOR } from '@teamset/core';
import { sql } from 'kysely';
import { syntheticSamples } from './synthetic-samples.mjs';
import { createBenchDatabase } from './teamset-servers.mjs';

const DIALECTS = (process.env.BENCH_DIALECTS ?? 'sqlite,postgres').split(',');
const N = Number(process.env.BENCH_LABEL_SAMPLES ?? 100_000);
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);
const BATCH = 10_000;

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
async function ms(work) {
  await work();
  const times = [];
  for (let i = 0; i < REPEAT; i++) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return Math.round(median(times));
}

async function addAll(services, dataset, count) {
  const started = performance.now();
  const samples = [...syntheticSamples(count)];
  for (let i = 0; i < count; i += BATCH)
    await services.samples.addSamples(SYSTEM_ACTOR, dataset, samples.slice(i, i + BATCH));
  return Math.round(count / ((performance.now() - started) / 1000));
}

const confident = {
  op: 'gt',
  args: [
    { op: 'elem', path: 'confidence' },
    { op: 'lit', value: 0.8 },
  ],
};
const classes = {
  op: 'in',
  args: [
    { op: 'elem', path: 'label' },
    { op: 'lit', value: ['cat', 'person'] },
  ],
};
const QUERIES = {
  unfiltered: { stages: [] },
  'train + class + confidence': {
    stages: [
      { stage: 'match_tags', tags: ['train'] },
      { stage: 'filter_labels', field: 'ground_truth', filter: { op: 'and', args: [classes, confident] } },
    ],
  },
};
const AGGREGATIONS = {
  'count_values label': [{ type: 'count_values', path: 'ground_truth.detections.label' }],
  'bounds confidence': [{ type: 'bounds', path: 'ground_truth.detections.confidence' }],
  'histogram confidence': [{ type: 'histogram_values', path: 'ground_truth.detections.confidence', bins: 25 }],
};

/** Bytes of the label index and of the samples table (with their indexes). */
async function sizes(services) {
  const { database } = services;
  if (database.dialect === 'sqlite') {
    const size = (pattern) =>
      database.sqlite.prepare(`select coalesce(sum(pgsize), 0) as n from dbstat where name like ?`).get(pattern).n;
    return { labelIndexBytes: size('sample_labels%'), samplesBytes: size('samples%') };
  }
  const size = async (table) =>
    Number((await sql`select pg_total_relation_size(${table}) as n`.execute(database.db)).rows[0].n);
  return { labelIndexBytes: await size('sample_labels'), samplesBytes: await size('samples') };
}

async function benchDialect(dialect) {
  const database = await createBenchDatabase(dialect);
  const indexed = await createServices({ databaseUri: database.uri, background: false, queryTimeoutMs: 0 });
  const scan = await createServices({
    databaseUri: database.uri,
    background: false,
    queryTimeoutMs: 0,
    labelIndex: false,
  });
  const out = { dialect, samples: N, labels: N * 5 };
  try {
    await indexed.datasets.create(SYSTEM_ACTOR, { name: 'labels' });
    out.addPerS = await addAll(indexed, 'labels', N);
    Object.assign(out, await sizes(indexed));
    for (const [viewName, view] of Object.entries(QUERIES)) {
      for (const [aggName, aggregations] of Object.entries(AGGREGATIONS)) {
        const run = (services) => services.samples.aggregate(SYSTEM_ACTOR, 'labels', { view, aggregations });
        const [a, b] = [await run(indexed), await run(scan)];
        if (JSON.stringify(a) !== JSON.stringify(b) && aggName !== 'mean')
          out[`MISMATCH ${viewName} ${aggName}`] = true;
        out[`${viewName}: ${aggName} ms (index / scan)`] =
          `${await ms(() => run(indexed))} / ${await ms(() => run(scan))}`;
      }
      const tags = (services) =>
        services.samples.countTags(SYSTEM_ACTOR, 'labels', { view, labels: true, labelFields: ['ground_truth'] });
      out[`${viewName}: label tags ms (index / scan)`] =
        `${await ms(() => tags(indexed))} / ${await ms(() => tags(scan))}`;
    }
    // The baseline: the same add with the index's triggers dropped (into a second dataset of the same database):
    // the label index's and the sample tag index's (migration 0007); the counters hang off those indexes.
    for (const name of [
      'label_index_insert',
      'label_index_update',
      'label_index_delete',
      'tag_index_insert',
      'tag_index_update',
      'tag_index_delete',
    ]) {
      const trigger = sql.raw(`samples_${name}`);
      await (dialect === 'postgres' ? sql`drop trigger ${trigger} on samples` : sql`drop trigger ${trigger}`).execute(
        indexed.database.db,
      );
    }
    await indexed.datasets.create(SYSTEM_ACTOR, { name: 'plain' });
    out.addPerSWithoutIndex = await addAll(indexed, 'plain', N);
  } finally {
    await scan.close();
    await indexed.close();
    await database.drop();
  }
  return out;
}

for (const dialect of DIALECTS) console.log(JSON.stringify(await benchDialect(dialect), null, 2));
