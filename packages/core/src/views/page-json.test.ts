// Pages made as JSON text in SQL (pageJson) against the decoded pages (page): the same samples, keys and values, on SQLite and PostgreSQL.
import type { FieldSchema, View } from '@teamset/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../db/database.js';
import { toSample } from '../samples/sample-shape.js';
import { testDialects } from '../test-support/test-databases.js';
import { E, L, insertDataset, op, openViewTestDatabase, view } from '../test-support/view-fixtures.js';
import { ViewQueries } from './view-queries.js';
import type { ViewTarget } from './view-target.js';

const SCHEMA: FieldSchema = {
  caption: 'string',
  score: 'float',
  count: 'int',
  flag: 'bool',
  ground_truth: 'Detections',
  extra: 'dict',
};

const TRICKY = 'quote " backslash \\ slash / tab \t newline \n nul-free control \u0001 \u001f del \u007f';
const UNICODE = 'é 漢字 🐱‍👤 \u2028 \u2029 \uffff ü';

/** Documents that stress the text path: escapes, non-BMP characters, nested labels, big and small numbers. */
const SAMPLES: { filepath: string; tags: string[]; metadata: Record<string, unknown> | null; fields: object }[] = [
  {
    filepath: `/data/${UNICODE}/"a".jpg`,
    tags: [UNICODE, TRICKY],
    metadata: { width: 640, height: 480, note: TRICKY, nested: { deep: [1, [2, { x: null }]] } },
    fields: {
      caption: TRICKY,
      score: 1e-7,
      count: 9007199254740991,
      flag: true,
      extra: { big: 1e300, neg: -2.5e-300, ints: [0, -1, 12345678901234], text: UNICODE, empty: {}, list: [] },
      ground_truth: {
        _cls: 'Detections',
        detections: [
          {
            _cls: 'Detection',
            id: 'd1',
            label: UNICODE,
            confidence: 0.95,
            tags: [TRICKY],
            bounding_box: [0.1, 0.2, 0.3, 0.4],
          },
          { _cls: 'Detection', id: 'd2', label: 'cat', confidence: 0.25, tags: [] },
        ],
      },
    },
  },
  { filepath: '/data/empty.jpg', tags: [], metadata: null, fields: {} },
  { filepath: '/data/nulls.jpg', tags: ['x'], metadata: {}, fields: { caption: null, flag: false, score: 0 } },
  {
    filepath: '/data/labels.jpg',
    tags: [],
    metadata: null,
    fields: {
      ground_truth: {
        _cls: 'Detections',
        detections: [{ _cls: 'Detection', id: 'd3', label: 'dog', confidence: 0.7, tags: [] }],
      },
      count: -42,
    },
  },
];

const VIEWS: Record<string, View> = {
  'the dataset': view(),
  select_fields: view({ stage: 'select_fields', fields: ['caption', 'ground_truth'] }),
  exclude_fields: view({ stage: 'exclude_fields', fields: ['extra', 'caption'] }),
  filter_labels: view({ stage: 'filter_labels', field: 'ground_truth', filter: op('gt', E('confidence'), L(0.5)) }),
  'limit (a window)': view({ stage: 'skip', n: 1 }, { stage: 'limit', n: 2 }),
  'sort by a string': view({ stage: 'sort_by', field: 'caption', reverse: true }),
};

async function seed(database: Database, datasetId: string): Promise<void> {
  await insertDataset(database, datasetId, 'tricky documents');
  const now = '2024-01-01T00:00:00.000Z';
  for (const [path, type] of Object.entries(SCHEMA))
    await database.db
      .insertInto('dataset_fields')
      .values({ dataset_id: datasetId, path, type, created_at: now })
      .execute();
  const doc = (value: unknown) =>
    database.dialect === 'sqlite' ? sql`jsonb(${JSON.stringify(value)})` : sql`cast(${JSON.stringify(value)} as jsonb)`;
  for (const [i, s] of SAMPLES.entries()) {
    const id = `7e57${'0'.repeat(18)}${String(i).padStart(2, '0')}`;
    await sql`insert into samples (id, dataset_id, filepath, tags, metadata, fields, created_at, last_modified_at)
      values (${id}, ${datasetId}, ${s.filepath}, ${doc(s.tags)}, ${s.metadata === null ? sql`null` : doc(s.metadata)}, ${doc(s.fields)}, ${now}, ${now})`.execute(
      database.db,
    );
  }
}

describe.each(await testDialects())('pages as JSON text on %s', (dialect) => {
  let close: () => Promise<void>;
  let reader: ViewQueries;
  const target: ViewTarget = { datasetId: 'da7a5e7000000000000000aa', schema: SCHEMA };

  beforeAll(async () => {
    const tdb = await openViewTestDatabase(dialect);
    close = tdb.close;
    await seed(tdb.database, target.datasetId);
    reader = new ViewQueries(tdb.database, { queryTimeoutMs: 10_000 });
  });
  afterAll(async () => {
    await close?.();
  });

  it.each(Object.entries(VIEWS))('%s: every page equals the decoded page, key order included', async (_name, v) => {
    for (const limit of [1, 3, 100]) {
      let after: string | undefined;
      let pages = 0;
      do {
        const options = { limit, ...(after === undefined ? {} : { after }) };
        const decoded = await reader.page(target, v, options);
        const json = await reader.pageJson(target, v, options);
        const text = new TextDecoder('utf-8', { fatal: true }).decode(json.samples);
        const parsed = JSON.parse(`[${text}]`) as unknown[];
        // Restringified, the two agree byte for byte: same keys in the same order, same values.
        expect(JSON.stringify(parsed)).toBe(JSON.stringify(decoded.rows.map(toSample)));
        expect(json.count).toBe(parsed.length);
        expect(json.nextCursor).toBe(decoded.nextCursor);
        after = json.nextCursor ?? undefined;
        pages++;
      } while (after !== undefined && pages < 10);
      expect(after).toBeUndefined();
    }
  });

  it('keeps the characters and numbers of the stored documents', async () => {
    const json = await reader.pageJson(target, view(), { limit: 1 });
    const [first] = JSON.parse(`[${Buffer.from(json.samples).toString('utf8')}]`) as Record<string, unknown>[];
    expect(first).toMatchObject({ filepath: SAMPLES[0]?.filepath, tags: SAMPLES[0]?.tags, ...SAMPLES[0]?.fields });
  });

  it('an empty page is empty', async () => {
    const json = await reader.pageJson(target, view({ stage: 'match_tags', tags: ['nope'] }), { limit: 5 });
    expect(json).toMatchObject({ count: 0, nextCursor: null });
    expect(json.samples.byteLength).toBe(0);
  });
});
