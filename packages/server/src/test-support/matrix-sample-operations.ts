// The authorization matrix's sample-level endpoints: clone, samples, values, tags, aggregations, fields and saved views.
import {
  DATASET_ROUTES,
  FIELD_ROUTES,
  MEDIA_ROUTES,
  PATHS,
  SAMPLE_ROUTES,
  SAVED_VIEW_ROUTES,
  TAG_ROUTES,
  VIEW_READ_ROUTES,
  fillPath,
  type AggregateResult,
  type Dataset,
  type FieldList,
  type Sample,
  type SamplePage,
  type SavedView,
  type SavedViewList,
  type TagCounts,
  type ValuesResult,
} from '@teamset/contract';
import { SYSTEM_ACTOR } from '@teamset/core';
import { expect } from 'vitest';
import { fromRoute, type CellContext, type MatrixOperation } from './matrix-operation.js';
import { SEED_FIELD, SEED_SAMPLES, SEED_UNIQUENESS, SEED_VIEW, SEED_VIEW_NAME } from './matrix-seed.js';

const at = (path: string, ctx: CellContext, extra: Record<string, string> = {}): string =>
  fillPath(path, { name: ctx.dataset.name, ...extra });
const firstId = (ctx: CellContext): string => {
  const id = ctx.dataset.sampleIds[0];
  if (id === undefined) throw new Error('the seeded dataset has no samples');
  return id;
};

const uniquenessOf = async (ctx: CellContext, name = ctx.dataset.name): Promise<unknown[]> =>
  ctx.services.samples.values(SYSTEM_ACTOR, name, { path: 'uniqueness' });
const tagCounts = async (ctx: CellContext): Promise<Record<string, number>> =>
  ctx.services.samples.countTags(SYSTEM_ACTOR, ctx.dataset.name, {});
const fieldPaths = async (ctx: CellContext): Promise<string[]> =>
  (await ctx.services.samples.getFieldSchema(SYSTEM_ACTOR, ctx.dataset.name)).map((f) => f.path);
const savedViewNames = async (ctx: CellContext): Promise<string[]> =>
  (await ctx.services.savedViews.list(SYSTEM_ACTOR, ctx.dataset.name)).map((v) => v.name);

const ADDED_VIEW = { stages: [{ stage: 'limit', n: 1 }] };

export const SAMPLE_OPERATIONS: readonly MatrixOperation[] = [
  {
    name: 'POST clone',
    ...fromRoute(DATASET_ROUTES.clone, { kind: 'role', capability: 'clones', level: 'VIEW' }),
    status: 201,
    // The source is only read; the clone is a new dataset.
    mutates: false,
    request: (ctx) => ({ url: at(PATHS.datasetClone, ctx), payload: { name: ctx.newName('clone') } }),
    async verify(ctx, response) {
      const clone = response.json<Dataset>();
      expect(clone.permission).toBe('MANAGE');
      expect(await uniquenessOf(ctx, clone.name)).toEqual(SEED_UNIQUENESS);
    },
  },
  {
    name: 'POST samples (add)',
    ...fromRoute(SAMPLE_ROUTES.add),
    status: 201,
    mutates: true,
    request: (ctx) => ({
      url: at(PATHS.samples, ctx),
      payload: { samples: [{ filepath: '/matrix/added.jpg', uniqueness: 0.25 }] },
    }),
    async verify(ctx, response) {
      const { ids } = response.json<{ ids: string[] }>();
      expect(ids).toHaveLength(1);
      expect(await ctx.services.samples.getSample(SYSTEM_ACTOR, ctx.dataset.name, ids[0] ?? '')).toMatchObject({
        filepath: '/matrix/added.jpg',
        uniqueness: 0.25,
      });
    },
  },
  {
    name: 'POST samples/query',
    ...fromRoute(VIEW_READ_ROUTES.query),
    status: 200,
    mutates: false,
    request: (ctx) => ({ url: at(PATHS.samplesQuery, ctx), payload: { limit: 10 } }),
    async verify(ctx, response) {
      const page = response.json<SamplePage>();
      expect(page.samples.map((s) => [s.id, s['uniqueness'], s['note']])).toEqual(
        SEED_SAMPLES.map((s, i) => [ctx.dataset.sampleIds[i], s.uniqueness, s.note]),
      );
    },
  },
  {
    name: 'POST samples/delete',
    ...fromRoute(SAMPLE_ROUTES.delete),
    status: 200,
    mutates: true,
    request: (ctx) => ({ url: at(PATHS.samplesDelete, ctx), payload: { ids: [firstId(ctx)] } }),
    async verify(ctx, response) {
      expect(response.json()).toEqual({ deleted: 1 });
      expect(await uniquenessOf(ctx)).toEqual(SEED_UNIQUENESS.slice(1));
    },
  },
  {
    name: 'GET sample',
    ...fromRoute(SAMPLE_ROUTES.get),
    status: 200,
    mutates: false,
    request: (ctx) => ({ url: at(PATHS.sample, ctx, { sampleId: firstId(ctx) }) }),
    async verify(ctx, response) {
      expect(response.json<Sample>()).toMatchObject({
        id: firstId(ctx),
        filepath: SEED_SAMPLES[0].filepath,
        uniqueness: SEED_SAMPLES[0].uniqueness,
        note: SEED_SAMPLES[0].note,
      });
    },
  },
  {
    name: 'PATCH sample',
    ...fromRoute(SAMPLE_ROUTES.patch),
    status: 200,
    mutates: true,
    request: (ctx) => ({
      url: at(PATHS.sample, ctx, { sampleId: firstId(ctx) }),
      payload: { set: { uniqueness: 0.75 } },
    }),
    async verify(ctx, response) {
      expect(response.json<Sample>()).toMatchObject({ id: firstId(ctx), uniqueness: 0.75 });
      expect(await uniquenessOf(ctx)).toEqual([0.75, ...SEED_UNIQUENESS.slice(1)]);
    },
  },
  {
    name: 'POST values',
    ...fromRoute(VIEW_READ_ROUTES.values),
    status: 200,
    mutates: false,
    request: (ctx) => ({ url: at(PATHS.values, ctx), payload: { path: 'uniqueness' } }),
    async verify(_ctx, response) {
      expect(response.json<ValuesResult>()).toEqual({ values: SEED_UNIQUENESS });
    },
  },
  {
    name: 'POST set-values',
    ...fromRoute(SAMPLE_ROUTES.setValues),
    status: 200,
    mutates: true,
    request: (ctx) => ({ url: at(PATHS.setValues, ctx), payload: { path: 'uniqueness', values: [0.2, 0.3, 0.4] } }),
    async verify(ctx, response) {
      expect(response.json()).toEqual({ updated: 3 });
      expect(await uniquenessOf(ctx)).toEqual([0.2, 0.3, 0.4]);
    },
  },
  {
    name: 'POST tags/add',
    ...fromRoute(TAG_ROUTES.tag),
    status: 200,
    mutates: true,
    request: (ctx) => ({ url: at(PATHS.tag, ctx), payload: { tags: ['matrix'] } }),
    async verify(ctx, response) {
      expect(response.json()).toEqual({ updated: 3 });
      expect(await tagCounts(ctx)).toEqual({ seeded: 3, first: 1, matrix: 3 });
    },
  },
  {
    name: 'POST tags/remove',
    ...fromRoute(TAG_ROUTES.untag),
    status: 200,
    mutates: true,
    request: (ctx) => ({ url: at(PATHS.untag, ctx), payload: { tags: ['first'] } }),
    async verify(ctx, response) {
      // `updated` counts the samples changed: only the first one had the tag.
      expect(response.json()).toEqual({ updated: 1 });
      expect(await tagCounts(ctx)).toEqual({ seeded: 3 });
    },
  },
  {
    name: 'GET tags/progress/:token',
    ...fromRoute(TAG_ROUTES.progress),
    status: 200,
    mutates: false,
    // Nobody started a request under this token: the answer says so (the caller's own requests only are known).
    request: (ctx) => ({ url: at(PATHS.tagProgress, ctx, { token: 'matrix-probe' }) }),
    async verify(_ctx, response) {
      expect(response.json()).toEqual({ state: 'unknown', done: 0, total: 0 });
    },
  },
  {
    name: 'POST tags/count',
    ...fromRoute(VIEW_READ_ROUTES.countTags),
    status: 200,
    mutates: false,
    request: (ctx) => ({ url: at(PATHS.countTags, ctx), payload: {} }),
    async verify(_ctx, response) {
      expect(response.json<TagCounts>()).toEqual({ counts: { seeded: 3, first: 1 } });
    },
  },
  {
    name: 'POST aggregate',
    ...fromRoute(VIEW_READ_ROUTES.aggregate),
    status: 200,
    mutates: false,
    request: (ctx) => ({
      url: at(PATHS.aggregate, ctx),
      payload: { aggregations: [{ type: 'count' }, { type: 'bounds', path: 'uniqueness' }] },
    }),
    async verify(_ctx, response) {
      expect(response.json<AggregateResult>()).toEqual({
        results: [
          { type: 'count', count: 3 },
          { type: 'bounds', bounds: [0.1, 0.9] },
        ],
      });
    },
  },
  {
    name: 'GET fields',
    ...fromRoute(FIELD_ROUTES.list),
    status: 200,
    mutates: false,
    request: (ctx) => ({ url: at(PATHS.fields, ctx) }),
    async verify(_ctx, response) {
      const fields = response.json<FieldList>().fields;
      expect(fields).toContainEqual({ path: 'uniqueness', type: 'float', builtin: false });
      expect(fields).toContainEqual({ ...SEED_FIELD, builtin: false });
      expect(fields).toContainEqual({ path: 'filepath', type: 'string', builtin: true });
    },
  },
  {
    name: 'POST fields (add)',
    ...fromRoute(FIELD_ROUTES.add),
    status: 201,
    mutates: true,
    request: (ctx) => ({ url: at(PATHS.fields, ctx), payload: { path: 'matrix_field', type: 'int' } }),
    async verify(ctx, response) {
      expect(response.json<FieldList>().fields).toContainEqual({ path: 'matrix_field', type: 'int', builtin: false });
      expect(await fieldPaths(ctx)).toContain('matrix_field');
    },
  },
  {
    name: 'DELETE field',
    ...fromRoute(FIELD_ROUTES.delete),
    status: 204,
    mutates: true,
    request: (ctx) => ({ url: at(PATHS.field, ctx, { path: SEED_FIELD.path }) }),
    async verify(ctx) {
      expect(await fieldPaths(ctx)).not.toContain(SEED_FIELD.path);
    },
  },
  {
    name: 'PATCH field (rename)',
    ...fromRoute(FIELD_ROUTES.rename),
    status: 200,
    mutates: true,
    request: (ctx) => ({ url: at(PATHS.field, ctx, { path: SEED_FIELD.path }), payload: { newPath: 'extra_renamed' } }),
    async verify(ctx, response) {
      const paths = response.json<FieldList>().fields.map((f) => f.path);
      expect(paths).toContain('extra_renamed');
      expect(paths).not.toContain(SEED_FIELD.path);
      expect(await fieldPaths(ctx)).toContain('extra_renamed');
    },
  },
  {
    name: 'GET saved views',
    ...fromRoute(SAVED_VIEW_ROUTES.list),
    status: 200,
    mutates: false,
    request: (ctx) => ({ url: at(PATHS.savedViews, ctx) }),
    async verify(_ctx, response) {
      expect(response.json<SavedViewList>().views.map((v) => [v.name, v.view])).toEqual([[SEED_VIEW_NAME, SEED_VIEW]]);
    },
  },
  {
    name: 'GET saved view',
    ...fromRoute(SAVED_VIEW_ROUTES.get),
    status: 200,
    mutates: false,
    request: (ctx) => ({ url: at(PATHS.savedView, ctx, { view: SEED_VIEW_NAME }) }),
    async verify(_ctx, response) {
      expect(response.json<SavedView>()).toMatchObject({ name: SEED_VIEW_NAME, view: SEED_VIEW });
    },
  },
  {
    name: 'PUT saved view',
    ...fromRoute(SAVED_VIEW_ROUTES.save),
    status: 200,
    mutates: true,
    request: (ctx) => ({
      url: at(PATHS.savedView, ctx, { view: 'matrix view' }),
      payload: { view: ADDED_VIEW, description: 'saved by the matrix' },
    }),
    async verify(ctx, response) {
      expect(response.json<SavedView>()).toMatchObject({
        name: 'matrix view',
        view: ADDED_VIEW,
        description: 'saved by the matrix',
        createdBy: ctx.caller.user.id,
      });
      expect((await savedViewNames(ctx)).sort()).toEqual(['matrix view', SEED_VIEW_NAME]);
    },
  },
  {
    name: 'DELETE saved view',
    ...fromRoute(SAVED_VIEW_ROUTES.delete),
    status: 204,
    mutates: true,
    request: (ctx) => ({ url: at(PATHS.savedView, ctx, { view: SEED_VIEW_NAME }) }),
    async verify(ctx) {
      expect(await savedViewNames(ctx)).toEqual([]);
    },
  },
  // Media: the matrix configures no media root, so a caller who passes the dataset check gets the "not configured"
  // 404 — a different sentence from the invisible dataset's 404 (serving itself: media-routes.test.ts).
  ...[MEDIA_ROUTES.media, MEDIA_ROUTES.thumbnail].map((route): MatrixOperation => ({
    name: `GET sample ${route.path.endsWith('thumbnail') ? 'thumbnail' : 'media'}`,
    ...fromRoute(route),
    status: 404,
    mutates: false,
    request: (ctx) => ({ url: at(route.path, ctx, { sampleId: firstId(ctx) }) }),
    async verify(_ctx, response) {
      expect(response.json<{ error: { message: string } }>().error.message).toMatch(/^Media serving is not configured/);
    },
  })),
];
