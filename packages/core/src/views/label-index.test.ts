// The label and number indexes stay exact: random writes through every write path, then index-backed answers against a document scan, on SQLite and PostgreSQL.
import {
  METADATA_ATTRIBUTES,
  type Aggregation,
  type Expression,
  type SampleInput,
  type Stage,
  type View,
} from '@teamset/contract';
import { sql, type Kysely } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Services } from '../services.js';
import { createSampleTestContext, type SampleTestContext } from '../test-support/sample-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';
import { E, F, L, op, view } from '../test-support/view-fixtures.js';
import { INDEXED_METADATA_NUMBERS } from './number-index-conditions.js';

/** Seeded, so a failure names the seed that reproduces it (LABEL_INDEX_SEED=… to replay). */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CLASSES = ['cat', 'dog', 'bird', 'car'];
const TAGS = ['hard', 'fp', 'ok'];

class Random {
  constructor(readonly next: () => number) {}
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  confidence(): number | null {
    // Repeated values and nulls exercise ties and nulls in bounds, histograms and filters.
    return this.chance(0.1) ? null : this.int(21) / 20;
  }
  detection(): Record<string, unknown> {
    const d: Record<string, unknown> = {
      _cls: 'Detection',
      label: this.chance(0.05) ? null : this.pick(CLASSES),
      bounding_box: [0.1, 0.1, 0.2, 0.2],
      confidence: this.confidence(),
    };
    if (this.chance(0.3)) d['tags'] = [this.pick(TAGS)];
    return d;
  }
  detections(): Record<string, unknown> {
    return { _cls: 'Detections', detections: Array.from({ length: this.int(4) }, () => this.detection()) };
  }
  /**
   * A number field's value: ties, integers and reals (on bucket edges and off them, of other magnitudes now and
   * then), nulls and missing values (undefined).
   */
  number(): number | null | undefined {
    if (this.chance(0.1)) return this.chance(0.5) ? null : undefined;
    if (this.chance(0.1)) return this.pick([1e-30, -2.5e7, 3e19, 0.1, 1 / 3, -0.7]);
    return this.chance(0.5) ? this.int(6) : this.int(41) / 8 - 1.5;
  }
  classification(): Record<string, unknown> {
    return { _cls: 'Classification', label: this.pick(CLASSES), confidence: this.confidence(), tags: [] };
  }
  sample(i: number, field = 'gt'): SampleInput {
    const s: SampleInput = { filepath: `/img/${i}.jpg`, tags: this.chance(0.5) ? ['train'] : ['val'] };
    if (this.chance(0.85)) s[field] = this.detections();
    if (this.chance(0.6)) s['pred'] = this.detections();
    if (this.chance(0.7)) s['cls'] = this.classification();
    for (const key of ['uniqueness', 'score']) {
      const value = this.number();
      if (value !== undefined) s[key] = value;
    }
    if (this.chance(0.3))
      s['kp'] = { _cls: 'Keypoints', keypoints: [{ _cls: 'Keypoint', label: this.pick(CLASSES), points: [[0, 0]] }] };
    const metadata = this.metadata();
    if (metadata !== undefined) s.metadata = metadata;
    return s;
  }
  /** Image metadata: ties, missing attributes, other keys (not indexed), or none at all. */
  metadata(): Record<string, unknown> | null | undefined {
    if (this.chance(0.15)) return this.chance(0.5) ? null : undefined;
    const m: Record<string, unknown> = { mime_type: this.pick(['image/jpeg', 'image/png']) };
    if (this.chance(0.9)) m['width'] = 100 * (1 + this.int(5));
    if (this.chance(0.9)) m['height'] = 50 * (1 + this.int(7));
    if (this.chance(0.7)) m['size_bytes'] = this.int(3) * 1_000_003;
    if (this.chance(0.2)) m['frame_rate'] = this.int(60);
    return m;
  }
}

const inClasses = (...labels: string[]): Expression => op('in', E('label'), L(labels));
const confident = op('gt', E('confidence'), L(0.5));

/** Views the index answers (sample filters, filter_labels it translates) and one it must leave to the scan. */
function views(field: string): View[] {
  const filter = (f: string, filter: Expression, onlyMatches = true): Stage => ({
    stage: 'filter_labels',
    field: f,
    filter,
    only_matches: onlyMatches,
  });
  return [
    view(),
    view({ stage: 'match_tags', tags: ['train'] }),
    view({ stage: 'match_tags', tags: ['train', 'hard'], all: true }),
    view({ stage: 'match_tags', tags: ['val', 'hard'], bool: false }, { stage: 'sort_by', field: 'filepath' }),
    view(filter(field, inClasses('cat', 'dog'))),
    view(filter(field, op('and', op('eq', E('label'), L('cat')), confident)), { stage: 'limit', n: 9 }),
    view(
      filter(field, op('or', op('eq', E('confidence'), L(null)), op('not', confident))),
      filter('cls', op('ne', E('label'), L('car')), false),
    ),
    view(
      { stage: 'sort_by', field: 'filepath' },
      { stage: 'skip', n: 3 },
      filter(field, op('nin', E('label'), L(['bird', null]))),
    ),
    view(filter(field, op('lte', E('confidence'), L(0.3))), { stage: 'match_tags', tags: ['val'] }),
    // A later stage reads the filtered field: the samples are the view's own rows.
    view(filter(field, op('eq', E('label'), L('cat'))), {
      stage: 'match',
      filter: op('gte', op('length', F(`${field}.detections`)), L(2)),
    }),
    view(filter('cls', op('gte', E('confidence'), L(0.4)))),
    // Two filters on one field: a label must pass both, so neither becomes a separate EXISTS.
    view(filter(field, inClasses('cat', 'bird')), filter(field, confident), { stage: 'limit', n: 20 }),
    view(filter('pred', confident, false), filter(field, inClasses('dog')), { stage: 'match_tags', tags: ['val'] }),
    // match on a label's class / confidence: an EXISTS over the index, unless a filter_labels rewrote the field first.
    view({
      stage: 'match',
      filter: op('gt', op('length', op('filter', F(`${field}.detections`), inClasses('cat'))), L(0)),
    }),
    view({
      stage: 'match',
      filter: op('and', op('any', F(`${field}.detections`), confident), op('eq', F('filepath'), F('filepath'))),
    }),
    view(filter(field, op('ne', E('label'), L('dog')), false), {
      stage: 'match',
      filter: op('gte', op('length', op('filter', F(`${field}.detections`), op('eq', E('label'), L('dog')))), L(1)),
    }),
    // Not translated (a string test): answered by the scan either way.
    view(filter(field, op('starts_with', E('label'), L('c')))),
    // Range matches on number fields: semi-joins on the number index.
    view({ stage: 'match', filter: op('gt', F('uniqueness'), L(0.5)) }, { stage: 'match_tags', tags: ['train'] }),
    view({
      stage: 'match',
      filter: op('and', op('gte', F('score'), L(2)), op('lt', F('uniqueness'), L(1.25)), op('lte', F('score'), L(4))),
    }),
    view({ stage: 'match', filter: op('eq', F('score'), L(3)) }, filter(field, inClasses('cat'))),
    // ... and on the metadata's integers (migration 0014).
    view({
      stage: 'match',
      filter: op('and', op('gte', F('metadata.width'), L(200)), op('lt', F('metadata.height'), L(300))),
    }),
    view({ stage: 'match', filter: op('gt', F('metadata.size_bytes'), L(0)) }, { stage: 'match_tags', tags: ['val'] }),
  ];
}

function aggregations(field: string): Aggregation[] {
  return [
    { type: 'count' },
    { type: 'count_values', path: `${field}.detections.label` },
    { type: 'count_values', path: `${field}.detections.label`, limit: 2 },
    { type: 'count_values', path: `${field}.detections.tags` },
    { type: 'count_values', path: 'tags' },
    { type: 'count_values', path: 'tags', limit: 1 },
    { type: 'count', path: `${field}.detections` },
    { type: 'count', path: `${field}.detections.label` },
    { type: 'count', path: `${field}.detections.confidence` },
    { type: 'distinct', path: `${field}.detections.label` },
    { type: 'bounds', path: `${field}.detections.confidence` },
    { type: 'histogram_values', path: `${field}.detections.confidence`, bins: 7 },
    { type: 'histogram_values', path: `${field}.detections.confidence`, bins: 4, range: [0.2, 0.8] },
    { type: 'mean', path: `${field}.detections.confidence` },
    { type: 'sum', path: `${field}.detections.confidence` },
    { type: 'count_values', path: 'cls.label' },
    { type: 'count', path: 'cls.label' },
    { type: 'bounds', path: 'cls.confidence' },
    { type: 'histogram_values', path: 'cls.confidence', bins: 5 },
    { type: 'bounds', path: 'uniqueness' },
    { type: 'histogram_values', path: 'uniqueness', bins: 6 },
    { type: 'bounds', path: 'score' },
    { type: 'histogram_values', path: 'score', bins: 3, range: [1, 4] },
    // Many narrow bins: most buckets inside one bin, some across an edge, values outside the range.
    { type: 'histogram_values', path: 'score', bins: 40, range: [-1, 4] },
    { type: 'histogram_values', path: 'uniqueness', bins: 25, range: [0.1, 1 / 3] },
    { type: 'bounds', path: 'metadata.width' },
    { type: 'histogram_values', path: 'metadata.width', bins: 4 },
    { type: 'bounds', path: 'metadata.size_bytes' },
    { type: 'histogram_values', path: 'metadata.height', bins: 10, range: [0, 400] },
    { type: 'count_values', path: 'metadata.mime_type' },
  ];
}

/** Float sums may differ in the last bits with the order rows are added in; everything else must be equal. */
function rounded(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value), (_key, v: unknown) =>
    typeof v === 'number' && !Number.isInteger(v) ? Number(v.toPrecision(10)) : v,
  );
}

async function answer(services: Services, ctx: SampleTestContext, dataset: string, v: View, field: string) {
  const actor = ctx.team.as.member;
  const settle = async <T>(work: () => Promise<T>): Promise<T | { error: string }> =>
    work().catch((error: unknown) => ({ error: (error as Error).message }));
  const fields = ['gt', 'pred', 'cls', 'kp', field].filter((f, i, all) => all.indexOf(f) === i);
  return rounded({
    aggregations: await settle(() =>
      services.samples.aggregate(actor, dataset, { view: v, aggregations: aggregations(field) }),
    ),
    labelTags: await settle(() =>
      services.samples.countTags(actor, dataset, { view: v, labels: true, labelFields: fields }),
    ),
    sampleTags: await settle(() => services.samples.countTags(actor, dataset, { view: v })),
  });
}

it("indexes exactly the contract's integer metadata attributes", () => {
  const ints = Object.entries(METADATA_ATTRIBUTES).filter(([, type]) => type === 'int');
  expect([...INDEXED_METADATA_NUMBERS].sort()).toEqual(ints.map(([key]) => key).sort());
});

describe.each(await testDialects())('label index on %s', (dialect) => {
  let ctx: SampleTestContext;
  let scan: Services;
  beforeAll(async () => {
    ctx = await createSampleTestContext(dialect);
    scan = await ctx.ctx.openAnother({ labelIndex: false });
  });
  afterAll(async () => {
    await ctx?.close();
  });

  /** Index-backed answers against the scan's, for every view (or `pick` of them). */
  const compare = async (dataset: string, field: string, step: string, pick?: Random): Promise<void> => {
    const all = views(field);
    for (const v of pick ? [pick.pick(all), pick.pick(all), pick.pick(all)] : all) {
      const indexed = await answer(ctx.services, ctx, dataset, v, field);
      const scanned = await answer(scan, ctx, dataset, v, field);
      expect(indexed, `${step}: ${JSON.stringify(v)}`).toEqual(scanned);
    }
  };

  it('answers like a document scan after random writes through every write path', async () => {
    const seed = Number(process.env.LABEL_INDEX_SEED ?? Math.floor(Math.random() * 2 ** 31));
    const r = new Random(prng(seed));
    const s = ctx.services.samples;
    const actor = ctx.team.as.member;
    let dataset = await ctx.newDataset('label index');
    let field = 'gt';
    let n = 0;
    const batch = (size: number): SampleInput[] => Array.from({ length: size }, () => r.sample(n++, field));
    await s.addSamples(actor, dataset, batch(40));
    const ids = async (): Promise<string[]> =>
      (await s.querySamples(actor, dataset, { limit: 1000 })).samples.map((x) => x.id);
    const someView = (): View =>
      r.pick([
        view({ stage: 'match_tags', tags: ['train'] }),
        view({ stage: 'filter_labels', field, filter: inClasses(r.pick(CLASSES)) }),
        view({ stage: 'take', size: 5, seed: r.int(1000) }),
      ]);
    const writes: Array<[string, () => Promise<unknown>]> = [
      ['add', () => s.addSamples(actor, dataset, batch(1 + r.int(8)))],
      [
        'add ndjson',
        () =>
          s.addSamplesNdjson(
            actor,
            dataset,
            batch(1 + r.int(8))
              .map((x) => JSON.stringify(x))
              .join('\n'),
          ),
      ],
      [
        'patch',
        async () => {
          const all = await ids();
          if (all.length === 0) return s.addSamples(actor, dataset, batch(3));
          const id = r.pick(all);
          // Only fields the schema still has can be unset: a 'delete field' step may have removed one.
          const present = new Set((await s.getFieldSchema(actor, dataset)).map((f) => f.path));
          const unsettable = [field, 'cls', 'uniqueness'].filter((path) => present.has(path));
          const patch =
            r.chance(0.3) && unsettable.length > 0
              ? { unset: [r.pick(unsettable)] }
              : r.chance(0.3)
                ? { set: { metadata: r.metadata() ?? null } }
                : { set: { [field]: r.detections(), cls: r.classification(), uniqueness: r.number() ?? null } };
          return s.patchSample(actor, dataset, id, patch);
        },
      ],
      [
        'set values by id',
        async () => {
          const chosen = (await ids()).filter(() => r.chance(0.3));
          const valuesById = Object.fromEntries(chosen.map((id) => [id, r.chance(0.2) ? null : r.classification()]));
          return s.setValues(actor, dataset, { path: 'cls', valuesById });
        },
      ],
      [
        'set number values by id',
        async () => {
          const chosen = (await ids()).filter(() => r.chance(0.4));
          const valuesById = Object.fromEntries(chosen.map((id) => [id, r.number() ?? null]));
          return s.setValues(actor, dataset, { path: 'score', valuesById });
        },
      ],
      [
        'set label values through a view',
        async () => {
          const v = view({ stage: 'match_tags', tags: ['train'] });
          const shown = await s.values(actor, dataset, { view: v, path: `${field}.detections.label` });
          const values = (shown as unknown[][]).map((labels) => (labels ?? []).map(() => r.pick(CLASSES)));
          return s.setValues(actor, dataset, { view: v, path: `${field}.detections.label`, values });
        },
      ],
      [
        'tag labels',
        () =>
          s.tag(actor, dataset, { view: someView(), tags: [r.pick(TAGS)], labels: true, labelFields: [field, 'cls'] }),
      ],
      [
        'untag labels',
        () => s.untag(actor, dataset, { view: someView(), tags: [r.pick(TAGS)], labels: true, labelFields: [field] }),
      ],
      ['tag samples', () => s.tag(actor, dataset, { view: someView(), tags: ['train', r.pick(TAGS)] })],
      ['untag samples', () => s.untag(actor, dataset, { view: someView(), tags: [r.pick(['train', 'val', ...TAGS])] })],
      ['delete by id', async () => s.deleteSamples(actor, dataset, { ids: (await ids()).filter(() => r.chance(0.1)) })],
      [
        'delete by view',
        () => s.deleteSamples(actor, dataset, { view: view({ stage: 'take', size: 2, seed: r.int(1000) }) }),
      ],
      [
        'rename field',
        async () => {
          const next = field === 'gt' ? 'truth' : 'gt';
          await s.renameField(actor, dataset, field, next);
          field = next;
        },
      ],
      ['delete field', () => s.deleteField(actor, dataset, r.pick(['pred', 'uniqueness'])).catch(() => undefined)],
      [
        'clone a view',
        async () => {
          const clone = await ctx.services.clones.clone(actor, dataset, {
            name: `${dataset} clone ${n}`,
            view: someView(),
          });
          dataset = clone.name;
        },
      ],
    ];
    for (let step = 0; step < 24; step++) {
      // Every write path once, in order, then random ones.
      const [name, write] = step < writes.length ? (writes[step] as (typeof writes)[number]) : r.pick(writes);
      // A write that fails names the seed too, so the run can be replayed.
      await write().catch((error: unknown) => {
        throw new Error(
          `seed ${seed}, step ${step} (${name}): ${error instanceof Error ? error.message : String(error)}`,
        );
      });
      await compare(dataset, field, `seed ${seed}, step ${step} (${name})`, r);
    }
    await compare(dataset, field, `seed ${seed}, at the end`);
  }, 240_000);

  it('compiles a match on a label class to the index, and not after a filter_labels of the field', async () => {
    const actor = ctx.team.as.member;
    const dataset = await ctx.newDataset('match');
    await ctx.services.samples.addSamples(actor, dataset, [new Random(prng(3)).sample(0)]);
    const { id } = await ctx.services.datasets.get(actor, dataset);
    const fields = await ctx.services.samples.getFieldSchema(actor, dataset);
    const schema = Object.fromEntries(fields.filter((f) => !f.builtin).map((f) => [f.path, f.type]));
    const text = (v: View): string =>
      ctx.services.viewQueries
        .pageStatement({ datasetId: id, schema }, v, { limit: 10 })
        .query.compile(ctx.services.database.db).sql;
    const hasCat: Stage = {
      stage: 'match',
      filter: op('gt', op('length', op('filter', F('gt.detections'), inClasses('cat'))), L(0)),
    };
    expect(text(view(hasCat))).toContain('sample_labels');
    const rewritten = view({ stage: 'filter_labels', field: 'gt', filter: confident }, hasCat);
    expect(text(rewritten)).not.toContain('sample_labels');
    expect(text(view({ stage: 'match', filter: op('gt', F('uniqueness'), L(0.5)) }))).toContain('sample_numbers');
    expect(text(view({ stage: 'match', filter: op('gt', F('metadata.width'), L(5)) }))).toContain('sample_numbers');
    // Other metadata keys are `any`, read from the documents.
    expect(text(view({ stage: 'match', filter: op('gt', F('metadata.frame_rate'), L(5)) }))).not.toContain(
      'sample_numbers',
    );
  });

  it('is filled for samples written before the migration, and emptied with its dataset', async () => {
    const actor = ctx.team.as.member;
    const dataset = await ctx.newDataset('backfill');
    const r = new Random(prng(7));
    await ctx.services.samples.addSamples(
      actor,
      dataset,
      Array.from({ length: 30 }, (_, i) => r.sample(i)),
    );
    const { id } = await ctx.services.datasets.get(actor, dataset);
    const db = ctx.services.database.db;
    const rows = async (): Promise<number> =>
      Number(
        (await sql<{ n: unknown }>`select count(*) as n from sample_labels where dataset_id = ${id}`.execute(db))
          .rows[0]?.n,
      );
    const before = await rows();
    expect(before).toBeGreaterThan(30);
    const counters = async (): Promise<unknown[]> =>
      (
        await sql`select 'label' as k, field, label, n from label_counts where dataset_id = ${id} union all select 'tag', '', tag, n from sample_tag_counts where dataset_id = ${id} union all select 'bucket', field, cast(bucket as text), n from label_confidence_counts where dataset_id = ${id} union all select 'number', field, cast(bucket as text), n from number_bucket_counts where dataset_id = ${id} union all select 'samples', '', '', n from dataset_sample_counts where dataset_id = ${id} order by 1, 2, 3`.execute(
          db,
        )
      ).rows.map((row) => JSON.stringify(row));
    const counted = await counters();
    expect(counted.length).toBeGreaterThan(4);
    const numbers = async (): Promise<number> =>
      Number(
        (await sql<{ n: unknown }>`select count(*) as n from sample_numbers where dataset_id = ${id}`.execute(db))
          .rows[0]?.n,
      );
    const numbered = await numbers();
    expect(numbered).toBeGreaterThan(30);
    const metadataRows = await sql<{
      n: unknown;
    }>`select count(*) as n from sample_numbers where dataset_id = ${id} and field like 'metadata.%'`.execute(db);
    expect(Number(metadataRows.rows[0]?.n)).toBeGreaterThan(30);
    // A database from before migration 0006 has samples and no index rows: rebuild that state, then migrate.
    await dropCounters(ctx.services);
    await dropLabelIndex(ctx.services);
    await dropNumberCounters(ctx.services);
    await dropNumberIndex(ctx.services);
    // Their up() alone: the migrator refuses to run 0006 and 0007 again once later migrations are recorded.
    const dialect = ctx.services.database.dialect;
    await (await import('../db/migrations/0006-label-index.js')).up(db as unknown as Kysely<unknown>, dialect);
    await (await import('../db/migrations/0007-label-counters.js')).up(db as unknown as Kysely<unknown>, dialect);
    await (await import('../db/migrations/0011-number-index.js')).up(db as unknown as Kysely<unknown>, dialect);
    await (await import('../db/migrations/0013-number-counters.js')).up(db as unknown as Kysely<unknown>, dialect);
    await (await import('../db/migrations/0014-metadata-numbers.js')).up(db as unknown as Kysely<unknown>, dialect);
    expect(await rows()).toBe(before);
    expect(await numbers()).toBe(numbered);
    expect(await counters()).toEqual(counted);
    await compare(dataset, 'gt', 'after the migration');
    // Counters that drift from the index show too.
    await sql`update sample_tag_counts set n = n + 1 where dataset_id = ${id}`.execute(db);
    await expect(compare(dataset, 'gt', 'damaged counters')).rejects.toThrow();
    await sql`update sample_tag_counts set n = n - 1 where dataset_id = ${id}`.execute(db);
    await sql`update label_confidence_counts set n = n + 1 where dataset_id = ${id} and bucket = 500`.execute(db);
    await expect(compare(dataset, 'gt', 'damaged buckets')).rejects.toThrow();
    await sql`update label_confidence_counts set n = n - 1 where dataset_id = ${id} and bucket = 500`.execute(db);
    for (const table of ['number_bucket_counts', 'dataset_sample_counts']) {
      const damage = (by: number) =>
        sql`update ${sql.raw(table)} set n = n + ${by} where dataset_id = ${id}`.execute(db);
      await damage(1);
      await expect(compare(dataset, 'gt', `damaged ${table}`)).rejects.toThrow();
      await damage(-1);
    }
    // The test can fail: with index rows missing, index-backed answers differ from the scan.
    // A number index off by one sample's value shows too (the only damage at that point).
    const shift = (by: number) =>
      sql`update sample_numbers set value = value + ${by} where dataset_id = ${id} and field = 'uniqueness' and sample_seq = (select max(sample_seq) from sample_numbers where dataset_id = ${id} and field = 'uniqueness')`.execute(
        db,
      );
    await shift(100);
    await expect(compare(dataset, 'gt', 'damaged number index')).rejects.toThrow();
    await shift(-100);
    await compare(dataset, 'gt', 'number index repaired');
    await sql`delete from sample_labels where dataset_id = ${id} and label = 'cat'`.execute(db);
    await expect(compare(dataset, 'gt', 'damaged index')).rejects.toThrow();
    await ctx.services.datasets.delete(actor, dataset);
    expect(await rows()).toBe(0);
    expect(await counters()).toEqual([]);
    expect(await numbers()).toBe(0);
  }, 120_000);
});

/** What migration 0006 created, dropped again (the state of a database migrated before it). */
async function dropLabelIndex(services: Services): Promise<void> {
  const db = services.database.db;
  const pg = services.database.dialect === 'postgres';
  for (const trigger of ['insert', 'update', 'delete']) {
    const name = sql.raw(`samples_label_index_${trigger}`);
    await (pg ? sql`drop trigger ${name} on samples` : sql`drop trigger ${name}`).execute(db);
    if (pg) await sql`drop function ${sql.raw(`teamset_label_index_${trigger}`)}()`.execute(db);
  }
  if (pg) await sql`drop function teamset_label_rows(jsonb)`.execute(db);
  await sql`drop table sample_labels`.execute(db);
}

/** What migration 0007 created, dropped again (the triggers on its own tables go with them). */
async function dropCounters(services: Services): Promise<void> {
  const db = services.database.db;
  const pg = services.database.dialect === 'postgres';
  const drop = (trigger: string, table: string) =>
    (pg ? sql`drop trigger ${sql.raw(trigger)} on ${sql.raw(table)}` : sql`drop trigger ${sql.raw(trigger)}`).execute(
      db,
    );
  for (const event of ['insert', 'update', 'delete']) await drop(`samples_tag_index_${event}`, 'samples');
  for (const event of ['insert', 'delete']) await drop(`sample_labels_count_${event}`, 'sample_labels');
  await sql`drop index sample_labels_confidence_idx`.execute(db);
  for (const table of ['label_counts', 'label_confidence_counts', 'sample_tags', 'sample_tag_counts'])
    await sql`drop table ${sql.raw(table)}`.execute(db);
  if (!pg) return;
  for (const event of ['insert', 'update', 'delete'])
    await sql`drop function ${sql.raw(`teamset_tag_index_${event}`)}()`.execute(db);
  for (const name of ['label_counts', 'sample_tag_counts'])
    for (const event of ['insert', 'delete'])
      await sql`drop function ${sql.raw(`teamset_${name}_${event}`)}()`.execute(db);
}

/** What migration 0011 created, dropped again. */
async function dropNumberIndex(services: Services): Promise<void> {
  const db = services.database.db;
  const pg = services.database.dialect === 'postgres';
  for (const event of ['insert', 'update', 'delete']) {
    const name = sql.raw(`samples_number_index_${event}`);
    await (pg ? sql`drop trigger ${name} on samples` : sql`drop trigger ${name}`).execute(db);
    if (pg) await sql`drop function ${sql.raw(`teamset_number_index_${event}`)}()`.execute(db);
  }
  await sql`drop table sample_numbers`.execute(db);
}

/** What migration 0013 created, dropped again (the triggers on its own tables go with them). */
async function dropNumberCounters(services: Services): Promise<void> {
  const db = services.database.db;
  const pg = services.database.dialect === 'postgres';
  for (const event of ['insert', 'delete']) {
    for (const [trigger, table] of [
      [`sample_numbers_count_${event}`, 'sample_numbers'],
      [`samples_count_${event}`, 'samples'],
    ] as const)
      await (
        pg ? sql`drop trigger ${sql.raw(trigger)} on ${sql.raw(table)}` : sql`drop trigger ${sql.raw(trigger)}`
      ).execute(db);
    if (pg)
      for (const name of ['number_counts', 'sample_counts'])
        await sql`drop function ${sql.raw(`teamset_${name}_${event}`)}()`.execute(db);
  }
  for (const table of ['number_bucket_counts', 'dataset_sample_counts'])
    await sql`drop table ${sql.raw(table)}`.execute(db);
}
