// Keyset paging over views on SQLite and PostgreSQL: every page size gives the whole view, once, in order; bad cursors are 400.
import type { View } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAppError } from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';
import {
  E,
  F,
  L,
  match,
  op,
  openViewFixture,
  seedViewFixture,
  view,
  type ViewFixture,
} from '../test-support/view-fixtures.js';

const VIEWS: Record<string, View> = {
  empty: view(),
  match: view(match(op('gte', F('uniqueness'), L(0.3)))),
  'sort by float, reverse (nulls last)': view({ stage: 'sort_by', field: 'uniqueness', reverse: true }),
  'sort by float (nulls first)': view({ stage: 'sort_by', field: 'uniqueness' }),
  'sort by string with null': view({ stage: 'sort_by', field: 'scene' }),
  'sort by string, reverse': view({ stage: 'sort_by', field: 'scene', reverse: true }),
  'sort by bool with ties': view({ stage: 'sort_by', field: 'reviewed', reverse: true }),
  'sort by expression': view({ stage: 'sort_by', expr: op('length', F('ground_truth.detections')), reverse: true }),
  shuffle: view({ stage: 'shuffle', seed: 11 }),
  take: view({ stage: 'take', size: 7, seed: 3 }),
  'skip and limit': view({ stage: 'skip', n: 2 }, { stage: 'limit', n: 7 }),
  // Trailing skip/limit after an insertion-ordered prefix page as a window (compile-view's seqWindow).
  'limit past the end': view({ stage: 'limit', n: 100 }),
  'skip only': view({ stage: 'skip', n: 5 }),
  'limit, skip, limit': view({ stage: 'limit', n: 10 }, { stage: 'skip', n: 2 }, { stage: 'limit', n: 6 }),
  'match, then limit': view(match(op('gte', F('uniqueness'), L(0.3))), { stage: 'limit', n: 4 }),
  'limit, then match': view({ stage: 'limit', n: 8 }, match(op('gte', F('uniqueness'), L(0.3)))),
  'filter labels, skip': view(
    { stage: 'filter_labels', field: 'ground_truth', filter: op('gt', E('confidence'), L(0.5)) },
    { stage: 'skip', n: 1 },
  ),
  'sort, skip, limit': view({ stage: 'sort_by', field: 'rank' }, { stage: 'skip', n: 1 }, { stage: 'limit', n: 8 }),
  'filter labels': view({ stage: 'filter_labels', field: 'ground_truth', filter: op('gt', E('confidence'), L(0.5)) }),
  'no samples': view({ stage: 'match_tags', tags: ['nope'] }),
};

describe.each(await testDialects())('view paging on %s', (dialect) => {
  let ctx: ViewFixture;
  beforeAll(async () => {
    ctx = await openViewFixture(dialect);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  async function allPages(v: View, limit: number): Promise<{ ids: string[]; pages: number }> {
    const ids: string[] = [];
    let after: string | undefined;
    let pages = 0;
    for (;;) {
      const page = await ctx.reader.page(ctx.fx.target, v, { limit, ...(after === undefined ? {} : { after }) });
      pages += 1;
      expect(page.rows.length).toBeLessThanOrEqual(limit);
      ids.push(...page.rows.map((row) => row.id));
      if (page.nextCursor === null) return { ids, pages };
      expect(page.rows).toHaveLength(limit);
      after = page.nextCursor;
      if (pages > 20) throw new Error('paging does not end');
    }
  }

  it.each(Object.entries(VIEWS))('%s: pages of 1..13 give the whole view, no overlap, no gap', async (_name, v) => {
    const expected = await ctx.reader.sampleIds(ctx.fx.target, v);
    for (let limit = 1; limit <= 13; limit++) {
      const { ids, pages } = await allPages(v, limit);
      expect(ids).toEqual(expected);
      expect(pages).toBe(Math.max(1, Math.ceil(expected.length / limit)));
    }
  });

  it('a select with ordered ids pages in the given order', async () => {
    const v = view({ stage: 'select', sample_ids: ctx.fx.ids(9, 2, 12, 5), ordered: true });
    expect((await allPages(v, 3)).ids).toEqual(ctx.fx.ids(9, 2, 12, 5));
  });

  it('the last page says nextCursor null', async () => {
    expect((await ctx.reader.page(ctx.fx.target, view(), { limit: 12 })).nextCursor).toBeNull();
    expect((await ctx.reader.page(ctx.fx.target, view(), { limit: 11 })).nextCursor).not.toBeNull();
  });

  it('refuses a tampered, foreign or malformed cursor with 400', async () => {
    const sorted = VIEWS['sort by float, reverse (nulls last)'] as View;
    const { nextCursor } = await ctx.reader.page(ctx.fx.target, sorted, { limit: 3 });
    const cursor = nextCursor as string;
    // Another view of the same dataset.
    await expectAppError(
      ctx.reader.page(ctx.fx.target, view(), { limit: 3, after: cursor }),
      'BAD_REQUEST',
      /another view/,
    );
    // Same stages with another parameter.
    await expectAppError(
      ctx.reader.page(ctx.fx.target, view({ stage: 'sort_by', field: 'uniqueness' }), { limit: 3, after: cursor }),
      'BAD_REQUEST',
      /Invalid cursor/,
    );
    // Edited position.
    const payload = JSON.parse(Buffer.from(cursor, 'base64url').toString()) as { k: unknown[]; s: number };
    const edited = Buffer.from(JSON.stringify({ ...payload, s: payload.s + 1 })).toString('base64url');
    await expectAppError(ctx.reader.page(ctx.fx.target, sorted, { limit: 3, after: edited }), 'BAD_REQUEST', /altered/);
    for (const garbage of ['', 'not a cursor!', Buffer.from('{"v":1}').toString('base64url'), 'AAAA']) {
      await expectAppError(
        ctx.reader.page(ctx.fx.target, sorted, { limit: 3, after: garbage }),
        'BAD_REQUEST',
        /Invalid cursor/,
      );
    }
  });

  it('a cursor of one dataset is refused on another with the same view', async () => {
    const other = await seedViewFixture(ctx.database, {
      idPrefix: '0be2000000000000000000aa'.slice(0, 22),
      datasetId: 'da7a5e700000000000000002',
      name: 'other fixture',
    });
    const { nextCursor } = await ctx.reader.page(ctx.fx.target, view(), { limit: 2 });
    await expectAppError(
      ctx.reader.page(other.target, view(), { limit: 2, after: nextCursor as string }),
      'BAD_REQUEST',
      /another view or dataset/,
    );
    // The other dataset pages on its own.
    expect((await ctx.reader.page(other.target, view(), { limit: 20 })).rows.map((row) => row.id)).toEqual(
      other.ids(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12),
    );
  });

  it('rows carry the stored documents', async () => {
    const { rows } = await ctx.reader.page(ctx.fx.target, view(), { limit: 1 });
    expect(rows[0]).toMatchObject({
      seq: 1,
      id: ctx.fx.id(1),
      filepath: '/images/001.jpg',
      tags: ['train'],
      metadata: { width: 640, height: 480, mime_type: 'image/jpeg' },
      created_at: '2024-01-01T00:00:01.000Z',
      last_modified_at: '2024-02-01T00:00:19.000Z',
    });
    expect(rows[0]?.fields).toMatchObject({
      uniqueness: 0.91,
      rank: 3,
      scene: 'park',
      reviewed: true,
      keywords: ['dog', 'grass'],
      extra: { source: 'cam1', score: 3 },
    });
  });

  it.runIf(dialect === 'sqlite')(
    'pages of seq-ordered views read an index range and stop at their limit (no sort of the rest)',
    async () => {
      const plan = async (v: View) => {
        const { nextCursor } = await ctx.reader.page(ctx.fx.target, v, { limit: 2 });
        const { query } = ctx.reader.pageStatement(ctx.fx.target, v, { limit: 2, after: nextCursor as string });
        const compiled = query.compile(ctx.database.db);
        return (
          ctx.database.sqlite
            ?.prepare(`explain query plan ${compiled.sql}`)
            .all(...(compiled.parameters as unknown[])) as { detail: string }[]
        ).map((r) => r.detail);
      };
      expect(await plan(view())).toEqual(['SEARCH s USING INDEX samples_dataset_seq_idx (dataset_id=? AND seq>?)']);
      for (const v of [VIEWS['match'], VIEWS['filter labels']] as View[]) {
        const details = await plan(v);
        expect(details).toContain('SEARCH s USING INDEX samples_dataset_seq_idx (dataset_id=? AND seq>?)');
        expect(details.filter((d) => d.includes('TEMP B-TREE FOR ORDER BY'))).toEqual([]);
      }
    },
  );

  it('refuses a non-positive page size', async () => {
    await expectAppError(ctx.reader.page(ctx.fx.target, view(), { limit: 0 }), 'BAD_REQUEST', /limit/);
  });
});
