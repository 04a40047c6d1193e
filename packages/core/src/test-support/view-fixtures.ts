// A hand-written dataset for the view compiler's tests: 12 samples inserted with SQL in the storage layout, with known answers.
import type { Expression, FieldSchema, LiteralValue, OperatorName, Stage, View } from '@teamset/contract';
import { sql } from 'kysely';
import { openDatabase, type Database } from '../db/database.js';
import { migrateToLatest } from '../db/migrator.js';
import { ViewQueries, type ViewQueriesOptions } from '../views/view-queries.js';
import type { ViewTarget } from '../views/view-target.js';
import { createTestDatabase, type TestDialect } from './test-databases.js';

/** The custom schema of the fixture (dataset_fields rows). */
export const FIXTURE_SCHEMA: FieldSchema = {
  uniqueness: 'float',
  rank: 'int',
  scene: 'string',
  reviewed: 'bool',
  keywords: 'list<string>',
  ground_truth: 'Detections',
  'ground_truth.detections.iscrowd': 'float',
  predictions: 'Classification',
  extra: 'dict',
};

type Det = [label: string, confidence: number, iscrowd: number | undefined, tags: string[]];
type Cls = [label: string, confidence: number, tags: string[]];

/** A fixture sample; `undefined` = the field is absent, `null` = stored as JSON null. */
interface FixtureSample {
  filepath: string;
  tags: string[];
  metadata: Record<string, unknown> | null;
  uniqueness?: number | null;
  rank?: number;
  scene?: string | null;
  reviewed?: boolean | null;
  keywords?: string[];
  /** A list of detections, or null for `ground_truth: null`. */
  gt?: Det[] | null;
  pred?: Cls | null;
  extra?: Record<string, unknown>;
}

const m = (width: number, height: number, extra: Record<string, unknown> = {}) => ({ width, height, ...extra });

/**
 * Sample n (1-based) gets seq n on a fresh database and the id `fixtureId(n)`. Read answers off this table.
 *
 *  n  uniq  rank scene   reviewed keywords       tags          ground_truth (label conf iscrowd tags)            predictions
 *  1  .91   3    park    true     dog,grass      train         cat .95 0; dog .40 0                              cat .88
 *  2  .35   1    street  false    car            train,hard    car .85 0; car .30 1 [occluded]; person .75 0   car .67
 *  3  .62   7    park    true     (empty)        val           dog .55 0 [verified]                              dog .51 [verified]
 *  4  null  2    Beach   —        sand,sea       (none)        (empty list)                                      —
 *  5  .77   —    street  false    —              test          —                                                 person .93
 *  6  .05   10   indoor  true     Cat            train         person .99 0; person .65 1; cat .20 0             person .45
 *  7  .5    5    null    false    dog            val,hard      dog .91 0; cat .12 0 [occluded]; bird .60 —       dog .97
 *  8  .28   4    street  null     car,street     train         car .45 0                                         null
 *  9  .5    6    park    true     grass          (none)        bird .88 0 [verified]                             bird .72
 * 10  .83   8    street  false    (empty)        test          person .58 0; car .77 0                           car .39 [verified]
 * 11  —     9    indoor  true     person         train         person .33 0                                      person .81
 * 12  .15   2    beach   false    sea            val           null                                              cat .22
 */
export const FIXTURE_SAMPLES: readonly FixtureSample[] = [
  {
    filepath: '/images/001.jpg',
    tags: ['train'],
    metadata: m(640, 480, { mime_type: 'image/jpeg' }),
    uniqueness: 0.91,
    rank: 3,
    scene: 'park',
    reviewed: true,
    keywords: ['dog', 'grass'],
    gt: [
      ['cat', 0.95, 0, []],
      ['dog', 0.4, 0, []],
    ],
    pred: ['cat', 0.88, []],
    extra: { source: 'cam1', score: 3 },
  },
  {
    filepath: '/images/002.jpg',
    tags: ['train', 'hard'],
    metadata: m(1280, 720),
    uniqueness: 0.35,
    rank: 1,
    scene: 'street',
    reviewed: false,
    keywords: ['car'],
    gt: [
      ['car', 0.85, 0, []],
      ['car', 0.3, 1, ['occluded']],
      ['person', 0.75, 0, []],
    ],
    pred: ['car', 0.67, []],
    extra: { source: 'cam2', score: 'high' },
  },
  {
    filepath: '/images/003.png',
    tags: ['val'],
    metadata: m(640, 480),
    uniqueness: 0.62,
    rank: 7,
    scene: 'park',
    reviewed: true,
    keywords: [],
    gt: [['dog', 0.55, 0, ['verified']]],
    pred: ['dog', 0.51, ['verified']],
  },
  {
    filepath: '/images/004.jpg',
    tags: [],
    metadata: null,
    uniqueness: null,
    rank: 2,
    scene: 'Beach',
    keywords: ['sand', 'sea'],
    gt: [],
  },
  {
    filepath: '/images/005.jpg',
    tags: ['test'],
    metadata: m(800, 600),
    uniqueness: 0.77,
    scene: 'street',
    reviewed: false,
    pred: ['person', 0.93, []],
    extra: { source: 'cam1', score: 7 },
  },
  {
    filepath: '/other/006.jpg',
    tags: ['train'],
    metadata: m(1920, 1080),
    uniqueness: 0.05,
    rank: 10,
    scene: 'indoor',
    reviewed: true,
    keywords: ['Cat'],
    gt: [
      ['person', 0.99, 0, []],
      ['person', 0.65, 1, []],
      ['cat', 0.2, 0, []],
    ],
    pred: ['person', 0.45, []],
  },
  {
    filepath: '/images/007.jpg',
    tags: ['val', 'hard'],
    metadata: m(640, 480),
    uniqueness: 0.5,
    rank: 5,
    scene: null,
    reviewed: false,
    keywords: ['dog'],
    gt: [
      ['dog', 0.91, 0, []],
      ['cat', 0.12, 0, ['occluded']],
      ['bird', 0.6, undefined, []],
    ],
    pred: ['dog', 0.97, []],
  },
  {
    filepath: '/images/008.jpg',
    tags: ['train'],
    metadata: null,
    uniqueness: 0.28,
    rank: 4,
    scene: 'street',
    reviewed: null,
    keywords: ['car', 'street'],
    gt: [['car', 0.45, 0, []]],
    pred: null,
  },
  {
    filepath: '/images/009.jpg',
    tags: [],
    metadata: m(1280, 720),
    uniqueness: 0.5,
    rank: 6,
    scene: 'park',
    reviewed: true,
    keywords: ['grass'],
    gt: [['bird', 0.88, 0, ['verified']]],
    pred: ['bird', 0.72, []],
  },
  {
    filepath: '/images/010.jpg',
    tags: ['test'],
    metadata: m(640, 480),
    uniqueness: 0.83,
    rank: 8,
    scene: 'street',
    reviewed: false,
    keywords: [],
    gt: [
      ['person', 0.58, 0, []],
      ['car', 0.77, 0, []],
    ],
    pred: ['car', 0.39, ['verified']],
  },
  {
    filepath: '/images/011.jpg',
    tags: ['train'],
    metadata: m(800, 600),
    rank: 9,
    scene: 'indoor',
    reviewed: true,
    keywords: ['person'],
    gt: [['person', 0.33, 0, []]],
    pred: ['person', 0.81, []],
  },
  {
    filepath: '/images/012.jpg',
    tags: ['val'],
    metadata: m(1920, 1080),
    uniqueness: 0.15,
    rank: 2,
    scene: 'beach',
    reviewed: false,
    keywords: ['sea'],
    gt: null,
    pred: ['cat', 0.22, []],
  },
];

const hex2 = (n: number): string => n.toString(16).padStart(2, '0');

/** Ids: sample n → `<prefix>` + two hex digits; detection j of sample n and its classification get their own. */
export const DEFAULT_ID_PREFIX = '5ca1ab1e00000000000000';
export const detectionId = (n: number, j: number): string => `de7ec7${'0'.repeat(14)}${hex2(n)}${hex2(j)}`;
export const classificationId = (n: number): string => `c1a551f1ca7e${'0'.repeat(10)}${hex2(n)}`;

/** The `fields` document of fixture sample n (1-based). */
export function fixtureFields(n: number): Record<string, unknown> {
  const s = FIXTURE_SAMPLES[n - 1];
  if (!s) throw new Error(`no fixture sample ${n}`);
  const fields: Record<string, unknown> = {};
  if (s.uniqueness !== undefined) fields['uniqueness'] = s.uniqueness;
  if (s.rank !== undefined) fields['rank'] = s.rank;
  if (s.scene !== undefined) fields['scene'] = s.scene;
  if (s.reviewed !== undefined) fields['reviewed'] = s.reviewed;
  if (s.keywords !== undefined) fields['keywords'] = s.keywords;
  if (s.gt !== undefined) {
    fields['ground_truth'] =
      s.gt === null
        ? null
        : {
            _cls: 'Detections',
            detections: s.gt.map(([label, confidence, iscrowd, tags], j) => ({
              _cls: 'Detection',
              id: detectionId(n, j + 1),
              label,
              bounding_box: [0.1 * (j + 1), 0.1, 0.2, 0.3],
              confidence,
              ...(iscrowd === undefined ? {} : { iscrowd }),
              tags,
            })),
          };
  }
  if (s.pred !== undefined) {
    fields['predictions'] =
      s.pred === null
        ? null
        : { _cls: 'Classification', id: classificationId(n), label: s.pred[0], confidence: s.pred[1], tags: s.pred[2] };
  }
  if (s.extra !== undefined) fields['extra'] = s.extra;
  return fields;
}

export interface SeededFixture {
  datasetId: string;
  target: ViewTarget;
  /** Sample id of fixture sample n (1-based). */
  id(n: number): string;
  /** Ids of fixture samples, in the order of the numbers given. */
  ids(...ns: number[]): string[];
}

/** ISO time of sample n: created one second apart in order, last modified in the reverse order. */
export const createdAt = (n: number): string => `2024-01-01T00:00:${String(n).padStart(2, '0')}.000Z`;
export const modifiedAt = (n: number): string => `2024-02-01T00:00:${String(20 - n).padStart(2, '0')}.000Z`;

/** Inserts the fixture dataset (row, schema rows, 12 samples in order) and returns how to reach it. */
export async function seedViewFixture(
  database: Database,
  options: { name?: string; idPrefix?: string; datasetId?: string } = {},
): Promise<SeededFixture> {
  const prefix = options.idPrefix ?? DEFAULT_ID_PREFIX;
  const datasetId = options.datasetId ?? 'da7a5e700000000000000001';
  const name = options.name ?? `view fixture ${prefix}`;
  await insertDataset(database, datasetId, name);
  const now = '2024-01-01T00:00:00.000Z';
  for (const [path, type] of Object.entries(FIXTURE_SCHEMA)) {
    await database.db
      .insertInto('dataset_fields')
      .values({ dataset_id: datasetId, path, type, created_at: now })
      .execute();
  }
  const id = (n: number): string => `${prefix}${hex2(n)}`;
  for (const [i, s] of FIXTURE_SAMPLES.entries()) {
    const n = i + 1;
    await insertSample(database, {
      id: id(n),
      datasetId,
      filepath: s.filepath,
      tags: s.tags,
      metadata: s.metadata,
      fields: fixtureFields(n),
      createdAt: createdAt(n),
      modifiedAt: modifiedAt(n),
    });
  }
  return { datasetId, target: { datasetId, schema: FIXTURE_SCHEMA }, id, ids: (...ns) => ns.map(id) };
}

export async function insertDataset(database: Database, datasetId: string, name: string): Promise<void> {
  const now = '2024-01-01T00:00:00.000Z';
  await database.db
    .insertInto('datasets')
    .values({
      id: datasetId,
      name,
      slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      media_type: 'image',
      tags: '[]',
      description: null,
      info: '{}',
      created_at: now,
      last_modified_at: now,
      created_by: null,
      default_permission: 'NO_ACCESS',
    })
    .execute();
}

interface SampleInsert {
  id: string;
  datasetId: string;
  filepath: string;
  tags: string[];
  metadata: Record<string, unknown> | null;
  fields: Record<string, unknown>;
  createdAt: string;
  modifiedAt: string;
}

/** One sample row in the storage layout (binary JSON documents). */
async function insertSample(database: Database, s: SampleInsert): Promise<void> {
  const doc = (value: unknown) =>
    database.dialect === 'sqlite' ? sql`jsonb(${JSON.stringify(value)})` : sql`cast(${JSON.stringify(value)} as jsonb)`;
  const metadata = s.metadata === null ? sql`null` : doc(s.metadata);
  await sql`insert into samples (id, dataset_id, filepath, tags, metadata, fields, created_at, last_modified_at)
    values (${s.id}, ${s.datasetId}, ${s.filepath}, ${doc(s.tags)}, ${metadata}, ${doc(s.fields)}, ${s.createdAt}, ${s.modifiedAt})`.execute(
    database.db,
  );
}

/**
 * `count` synthetic samples in their own dataset (uniqueness, tags, three detections each), inserted in batches:
 * enough rows for a query to outlast a tiny budget.
 */
export async function seedBulkDataset(database: Database, datasetId: string, count: number): Promise<void> {
  await insertDataset(database, datasetId, `bulk ${datasetId}`);
  const batch = 500;
  const at = '2024-01-01T00:00:00.000Z';
  for (let start = 0; start < count; start += batch) {
    const rows = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      const fields = {
        uniqueness: (i % 997) / 997,
        ground_truth: {
          _cls: 'Detections',
          detections: [0, 1, 2].map((j) => ({
            _cls: 'Detection',
            id: `b${i}-${j}`,
            label: `label${(i + j) % 7}`,
            confidence: ((i * 7 + j) % 100) / 100,
            tags: [],
          })),
        },
      };
      const doc = (value: unknown) =>
        database.dialect === 'sqlite'
          ? sql`jsonb(${JSON.stringify(value)})`
          : sql`cast(${JSON.stringify(value)} as jsonb)`;
      rows.push(
        sql`(${`${datasetId.slice(0, 12)}${i.toString(16).padStart(12, '0')}`}, ${datasetId}, ${`/bulk/${i}.jpg`}, ${doc(i % 2 === 0 ? ['train'] : ['val'])}, null, ${doc(fields)}, ${at}, ${at})`,
      );
    }
    await sql`insert into samples (id, dataset_id, filepath, tags, metadata, fields, created_at, last_modified_at) values ${sql.join(rows)}`.execute(
      database.db,
    );
  }
}

export interface ViewTestDatabase {
  database: Database;
  close(): Promise<void>;
}

/** A fresh, migrated database of the dialect (dropped on close). */
export async function openViewTestDatabase(dialect: TestDialect): Promise<ViewTestDatabase> {
  const tdb = await createTestDatabase(dialect);
  const database = openDatabase(tdb.uri);
  await migrateToLatest(database);
  return {
    database,
    async close() {
      await database.close();
      await tdb.drop();
    },
  };
}

/** The fixture number (1-based) of a sample id made by seedViewFixture. */
export function fixtureNumber(id: string): number {
  return Number.parseInt(id.slice(-2), 16);
}

// ---- tiny expression builders, so tests read like the views they send ----

export const F = (path: string): Expression => ({ op: 'field', path });
export const E = (path?: string): Expression => (path === undefined ? { op: 'elem' } : { op: 'elem', path });
export const L = (value: LiteralValue): Expression => ({ op: 'lit', value });
export const op = (name: Exclude<OperatorName, 'matches'>, ...args: Expression[]): Expression =>
  ({ op: name, args }) as Expression;
export const matches = (value: Expression, regex: string, ignoreCase?: boolean): Expression =>
  ({
    op: 'matches',
    args: [value, { op: 'lit', value: regex }],
    ...(ignoreCase === undefined ? {} : { ignore_case: ignoreCase }),
  }) as Expression;
export const view = (...stages: Stage[]): View => ({ stages });
export const match = (filter: Expression): Stage => ({ stage: 'match', filter });

export interface ViewFixture {
  database: Database;
  fx: SeededFixture;
  reader: ViewQueries;
  /** Fixture numbers of the view's samples, in view order (parsed first, so a bad view throws BAD_REQUEST). */
  numbers(view: unknown): Promise<number[]>;
  close(): Promise<void>;
}

/** A fresh database of the dialect with the fixture seeded and a ViewQueries over it. */
export async function openViewFixture(
  dialect: TestDialect,
  options: ViewQueriesOptions = { queryTimeoutMs: 10_000 },
): Promise<ViewFixture> {
  const tdb = await openViewTestDatabase(dialect);
  const fx = await seedViewFixture(tdb.database);
  const reader = new ViewQueries(tdb.database, options);
  return {
    database: tdb.database,
    fx,
    reader,
    numbers: async (v) => (await reader.sampleIds(fx.target, reader.parse(fx.target, v))).map(fixtureNumber),
    close: tdb.close,
  };
}
