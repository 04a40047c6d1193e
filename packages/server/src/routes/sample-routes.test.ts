// Sample-level routes over HTTP: add, query (paged), get/patch, values, set-values, aggregate, tags, fields, saved views, clone, delete; errors and limits.
import {
  PATHS,
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
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@teamset/core/testing';
import { createAuthFixture, keyHeaders, type AuthFixture } from '../test-support/auth-fixture.js';
import { expectError } from '../test-support/http-assertions.js';
import { BULK_BODY_LIMIT_BYTES } from './sample-routes.js';

let seq = 0;
const uniqueName = (label: string): string => `${label} ${++seq}`;

/** Five samples with scalars, a dict, a list and a Detections label field: every kind of custom field crosses the wire. */
function fixtureSamples(): Array<Record<string, unknown>> {
  return [0, 1, 2, 3, 4].map((i) => ({
    filepath: `/images/${i}.jpg`,
    tags: i % 2 === 0 ? ['even'] : ['odd'],
    metadata: { width: 640, height: 480 },
    uniqueness: [0.5, 0.25, 0.75, 1, 0][i],
    weather: { sky: i < 3 ? 'clear' : 'cloudy', wind: [1, 2] },
    scores: [i, i + 0.5],
    ground_truth: {
      _cls: 'Detections',
      detections: Array.from({ length: i % 3 }, (_, j) => ({
        _cls: 'Detection',
        label: j === 0 ? 'cat' : 'dog',
        bounding_box: [0.1, 0.2, 0.3, 0.4],
        confidence: 0.9,
        tags: [],
      })),
    },
  }));
}

describe.each(await testDialects())('sample routes on %s', (dialect) => {
  let fx: AuthFixture;
  let member: Record<string, string>;
  beforeAll(async () => {
    fx = await createAuthFixture({ dialect });
    member = keyHeaders(fx.users.MEMBER.key);
  });
  afterAll(async () => {
    await fx?.close();
  });

  const send = (
    method: InjectOptions['method'],
    url: string,
    payload?: unknown,
    headers: Record<string, string> = member,
  ): Promise<LightMyRequestResponse> =>
    fx.inject({
      method,
      url,
      headers,
      ...(payload !== undefined ? { payload: payload as Record<string, unknown> } : {}),
    });
  const ok = async <T>(response: Promise<LightMyRequestResponse>, status = 200): Promise<T> => {
    const r = await response;
    expect(r.statusCode, r.body.slice(0, 500)).toBe(status);
    return r.json<T>();
  };
  const at = (path: string, name: string, extra: Record<string, string> = {}): string =>
    fillPath(path, { name, ...extra });

  /** A dataset of the member's with the fixture samples; returns its name and the sample ids in input order. */
  async function seeded(label: string): Promise<{ name: string; ids: string[] }> {
    const name = uniqueName(label);
    await ok<Dataset>(send('POST', PATHS.datasets, { name }), 201);
    const { ids } = await ok<{ ids: string[] }>(
      send('POST', at(PATHS.samples, name), { samples: fixtureSamples() }),
      201,
    );
    return { name, ids };
  }

  async function allPages(name: string, body: Record<string, unknown>): Promise<{ samples: Sample[]; pages: number }> {
    const samples: Sample[] = [];
    let after: string | null = null;
    let pages = 0;
    do {
      const page: SamplePage = await ok<SamplePage>(
        send('POST', at(PATHS.samplesQuery, name), { ...body, ...(after ? { after } : {}) }),
      );
      samples.push(...page.samples);
      after = page.nextCursor;
      pages += 1;
    } while (after !== null && pages < 100);
    return { samples, pages };
  }

  it('adds a batch (201, ids in input order) and pages through it with every custom field and label intact', async () => {
    const { name, ids } = await seeded('Added');
    expect(ids).toHaveLength(5);
    for (const id of ids) expect(id).toMatch(/^[0-9a-f]{24}$/);
    const { samples, pages } = await allPages(name, { limit: 2 });
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(samples.map((s) => s.id)).toEqual(ids);
    fixtureSamples().forEach((input, i) => {
      const sample = samples[i] as Sample;
      expect(sample).toMatchObject({
        ...input,
        ground_truth: {
          _cls: 'Detections',
          detections: (input['ground_truth'] as { detections: unknown[] }).detections.map((d) =>
            expect.objectContaining(d as object),
          ),
        },
      });
      expect(Object.keys(sample)).toEqual(
        expect.arrayContaining([
          'id',
          'filepath',
          'tags',
          'metadata',
          'created_at',
          'last_modified_at',
          'uniqueness',
          'weather',
          'scores',
          'ground_truth',
        ]),
      );
    });
    // Labels get ids of their own.
    for (const d of (samples[1]?.['ground_truth'] as { detections: Array<{ id?: unknown }> }).detections)
      expect(d.id).toMatch(/^[0-9a-f]{24}$/);
  });

  it('takes a batch as NDJSON, one sample per line, as the SDK sends it; other routes refuse NDJSON', async () => {
    const name = uniqueName('Ndjson');
    await ok<Dataset>(send('POST', PATHS.datasets, { name }), 201);
    const lines = Array.from({ length: 400 }, (_, i) =>
      JSON.stringify({ ...fixtureSamples()[i % 5], filepath: `/nd/${i}.jpg` }),
    );
    const ndjson = { ...member, 'content-type': 'application/x-ndjson' };
    const added = await fx.inject({
      method: 'POST',
      url: at(PATHS.samples, name),
      headers: ndjson,
      payload: `${lines.join('\n')}\n`,
    });
    expect(added.statusCode, added.body.slice(0, 300)).toBe(201);
    const { ids } = added.json<{ ids: string[] }>();
    expect(ids).toHaveLength(400);
    const page = await ok<SamplePage>(send('POST', at(PATHS.samplesQuery, name), { limit: 400 }));
    expect(page.samples.map((s) => s.id)).toEqual(ids);
    expect(page.samples.map((s) => s.filepath)).toEqual(lines.map((_, i) => `/nd/${i}.jpg`));
    expect(page.samples[7]).toMatchObject({ uniqueness: 0.75, weather: { sky: 'clear', wind: [1, 2] } });

    const bad = await fx.inject({
      method: 'POST',
      url: at(PATHS.samples, name),
      headers: ndjson,
      payload: '{"filepath":"/ok.jpg"}\n{"filepath":',
    });
    expect(expectError(bad, 400, 'BAD_REQUEST').message).toMatch(/^Line 2 of the body is not valid JSON/);
    const elsewhere = await fx.inject({
      method: 'POST',
      url: PATHS.datasets,
      headers: ndjson,
      payload: '{"name":"x"}',
    });
    expect(expectError(elsewhere, 400, 'BAD_REQUEST').message).toContain('application/x-ndjson');
    // Permissions are checked as for JSON: a viewer of someone else's dataset cannot add.
    const other = await fx.inject({
      method: 'POST',
      url: at(PATHS.samples, name),
      headers: { ...keyHeaders(fx.users.COLLABORATOR.key), 'content-type': 'application/x-ndjson' },
      payload: lines[0] as string,
    });
    expect(other.statusCode).toBe(404);
  });

  it('a large page keeps the custom fields of every sample through serialization', async () => {
    const name = uniqueName('Big Page');
    await ok<Dataset>(send('POST', PATHS.datasets, { name }), 201);
    const batch = Array.from({ length: 3000 }, (_, i) => ({
      filepath: `/big/${i}.jpg`,
      rank: i,
      nested: { deep: { list: [i, `s${i}`, null, true] } },
    }));
    await ok(send('POST', at(PATHS.samples, name), { samples: batch }), 201);
    const page = await ok<SamplePage>(send('POST', at(PATHS.samplesQuery, name), { limit: 3000 }));
    expect(page.samples).toHaveLength(3000);
    expect(page.samples.map((s) => [s['rank'], s['nested']])).toEqual(batch.map((s) => [s.rank, s.nested]));
  });

  it('gets and patches one sample; an unknown sample id is 404', async () => {
    const { name, ids } = await seeded('Patched');
    const id = ids[1] as string;
    const got = await ok<Sample>(send('GET', at(PATHS.sample, name, { sampleId: id })));
    expect(got).toMatchObject({
      id,
      filepath: '/images/1.jpg',
      uniqueness: 0.25,
      weather: { sky: 'clear', wind: [1, 2] },
    });
    const patched = await ok<Sample>(
      send('PATCH', at(PATHS.sample, name, { sampleId: id }), {
        set: { uniqueness: 0.3, tags: ['patched'], note: 'hello' },
        unset: ['weather'],
      }),
    );
    expect(patched).toMatchObject({ id, uniqueness: 0.3, tags: ['patched'], note: 'hello' });
    expect(patched).not.toHaveProperty('weather');
    expect(await ok<Sample>(send('GET', at(PATHS.sample, name, { sampleId: id })))).toEqual(patched);
    expectError(await send('GET', at(PATHS.sample, name, { sampleId: 'f'.repeat(24) })), 404, 'NOT_FOUND');
    expect(expectError(await send('GET', at(PATHS.sample, name, { sampleId: 'nope' })), 400).message).toContain(
      'params.sampleId',
    );
  });

  it('values of a path in view order, and set-values by list and by id', async () => {
    const { name, ids } = await seeded('Values');
    const sorted = { stages: [{ stage: 'sort_by', field: 'uniqueness' }] };
    expect(await ok<ValuesResult>(send('POST', at(PATHS.values, name), { path: 'uniqueness', view: sorted }))).toEqual({
      values: [0, 0.25, 0.5, 0.75, 1],
    });
    expect(
      await ok(send('POST', at(PATHS.setValues, name), { path: 'uniqueness', values: [5, 4, 3, 2, 1], view: sorted })),
    ).toEqual({ updated: 5 });
    // The sample that was lowest (index 4) got 5, and so on.
    expect((await ok<ValuesResult>(send('POST', at(PATHS.values, name), { path: 'uniqueness' }))).values).toEqual([
      3, 4, 2, 1, 5,
    ]);
    expect(
      await ok(
        send('POST', at(PATHS.setValues, name), { path: 'uniqueness', valuesById: { [ids[0] as string]: 0.125 } }),
      ),
    ).toEqual({ updated: 1 });
    expect((await ok<ValuesResult>(send('POST', at(PATHS.values, name), { path: 'uniqueness' }))).values).toEqual([
      0.125, 4, 2, 1, 5,
    ]);
  });

  it('several aggregations in one request, label lists unwound', async () => {
    const { name } = await seeded('Aggregated');
    const { results } = await ok<AggregateResult>(
      send('POST', at(PATHS.aggregate, name), {
        aggregations: [
          { type: 'count' },
          { type: 'bounds', path: 'uniqueness' },
          { type: 'sum', path: 'uniqueness' },
          { type: 'count_values', path: 'ground_truth.detections.label' },
          { type: 'distinct', path: 'tags' },
        ],
      }),
    );
    expect(results).toEqual([
      { type: 'count', count: 5 },
      { type: 'bounds', bounds: [0, 1] },
      { type: 'sum', sum: 2.5 },
      // Samples 1 and 4 have one detection (cat), sample 2 two (cat, dog).
      {
        type: 'count_values',
        values: [
          { value: 'cat', count: 3 },
          { value: 'dog', count: 1 },
        ],
      },
      { type: 'distinct', values: ['even', 'odd'] },
    ]);
    const matched = await ok<AggregateResult>(
      send('POST', at(PATHS.aggregate, name), {
        view: { stages: [{ stage: 'match_tags', tags: ['odd'] }] },
        aggregations: [{ type: 'count' }],
      }),
    );
    expect(matched.results).toEqual([{ type: 'count', count: 2 }]);
    const top = await ok<AggregateResult>(
      send('POST', at(PATHS.aggregate, name), {
        aggregations: [{ type: 'count_values', path: 'ground_truth.detections.label', limit: 1 }],
      }),
    );
    expect(top.results).toEqual([
      { type: 'count_values', values: [{ value: 'cat', count: 3 }], distinct: 2, total: 4 },
    ]);
    const refused = await send('POST', at(PATHS.aggregate, name), {
      aggregations: [{ type: 'count_values', path: 'tags', limit: 0 }],
    });
    expect(refused.statusCode).toBe(400);
  });

  it('tags and untags the samples of a view, and counts tags', async () => {
    const { name } = await seeded('Tagged');
    const high = {
      stages: [
        {
          stage: 'match',
          filter: {
            op: 'gte',
            args: [
              { op: 'field', path: 'uniqueness' },
              { op: 'lit', value: 0.5 },
            ],
          },
        },
      ],
    };
    expect(await ok(send('POST', at(PATHS.tag, name), { view: high, tags: ['high'] }))).toEqual({ updated: 3 });
    expect(await ok<TagCounts>(send('POST', at(PATHS.countTags, name), {}))).toEqual({
      counts: { even: 3, odd: 2, high: 3 },
    });
    expect(await ok<TagCounts>(send('POST', at(PATHS.countTags, name), { view: high }))).toEqual({
      counts: { even: 2, odd: 1, high: 3 },
    });
    // `updated` counts samples changed: the three high ones and the two odd ones (one is both); the last has neither.
    expect(await ok(send('POST', at(PATHS.untag, name), { tags: ['high', 'odd'] }))).toEqual({ updated: 4 });
    expect(await ok<TagCounts>(send('POST', at(PATHS.countTags, name), {}))).toEqual({ counts: { even: 3 } });
  });

  it('field schema: list, declare (201), rename, delete (204)', async () => {
    const { name } = await seeded('Fields');
    const listed = (await ok<FieldList>(send('GET', at(PATHS.fields, name)))).fields;
    expect(listed).toContainEqual({ path: 'uniqueness', type: 'float', builtin: false });
    expect(listed).toContainEqual({ path: 'ground_truth', type: 'Detections', builtin: false });
    expect(listed).toContainEqual({ path: 'filepath', type: 'string', builtin: true });
    const added = await ok<FieldList>(send('POST', at(PATHS.fields, name), { path: 'difficulty', type: 'int' }), 201);
    expect(added.fields).toContainEqual({ path: 'difficulty', type: 'int', builtin: false });
    const renamed = await ok<FieldList>(
      send('PATCH', at(PATHS.field, name, { path: 'uniqueness' }), { newPath: 'novelty' }),
    );
    expect(renamed.fields.map((f) => f.path)).toEqual(expect.arrayContaining(['novelty', 'difficulty']));
    expect(renamed.fields.map((f) => f.path)).not.toContain('uniqueness');
    expect((await ok<ValuesResult>(send('POST', at(PATHS.values, name), { path: 'novelty' }))).values).toEqual([
      0.5, 0.25, 0.75, 1, 0,
    ]);
    const deleted = await send('DELETE', at(PATHS.field, name, { path: 'novelty' }));
    expect(deleted.statusCode, deleted.body).toBe(204);
    expect((await ok<FieldList>(send('GET', at(PATHS.fields, name)))).fields.map((f) => f.path)).not.toContain(
      'novelty',
    );
    expect(
      (await ok<SamplePage>(send('POST', at(PATHS.samplesQuery, name), { limit: 1 }))).samples[0],
    ).not.toHaveProperty('novelty');
  });

  it('saved views: save (200), 409 on a clash without overwrite, overwrite, list, load, delete (204, then 404)', async () => {
    const { name } = await seeded('Saved');
    const view = {
      stages: [
        { stage: 'match_tags', tags: ['even'] },
        { stage: 'limit', n: 2 },
      ],
    };
    const saved = await ok<SavedView>(
      send('PUT', at(PATHS.savedView, name, { view: 'Evens' }), { view, description: 'even samples' }),
    );
    expect(saved).toMatchObject({
      name: 'Evens',
      slug: 'evens',
      description: 'even samples',
      view,
      createdBy: fx.users.MEMBER.user.id,
    });
    expectError(
      await send('PUT', at(PATHS.savedView, name, { view: 'Evens' }), { view: { stages: [] } }),
      409,
      'CONFLICT',
    );
    const replaced = await ok<SavedView>(
      send('PUT', at(PATHS.savedView, name, { view: 'Evens' }), {
        view: { stages: [{ stage: 'limit', n: 1 }] },
        overwrite: true,
      }),
    );
    expect(replaced.view).toEqual({ stages: [{ stage: 'limit', n: 1 }] });
    expect((await ok<SavedViewList>(send('GET', at(PATHS.savedViews, name)))).views.map((v) => v.name)).toEqual([
      'Evens',
    ]);
    expect(await ok<SavedView>(send('GET', at(PATHS.savedView, name, { view: 'Evens' })))).toEqual(replaced);
    expect((await send('DELETE', at(PATHS.savedView, name, { view: 'Evens' }))).statusCode).toBe(204);
    expectError(await send('GET', at(PATHS.savedView, name, { view: 'Evens' })), 404, 'NOT_FOUND');
  });

  it('clones a view into a new dataset the caller manages', async () => {
    const { name, ids } = await seeded('Source');
    const cloneName = uniqueName('Clone');
    const clone = await ok<Dataset>(
      send('POST', at(PATHS.datasetClone, name), {
        name: cloneName,
        view: { stages: [{ stage: 'match_tags', tags: ['odd'] }] },
      }),
      201,
    );
    expect(clone).toMatchObject({ name: cloneName, permission: 'MANAGE', createdBy: fx.users.MEMBER.user.id });
    const { samples } = await allPages(cloneName, {});
    expect(samples.map((s) => s.filepath)).toEqual(['/images/1.jpg', '/images/3.jpg']);
    expect(samples.map((s) => s.id)).not.toContain(ids[1]);
    expectError(await send('POST', at(PATHS.datasetClone, name), { name: cloneName }), 409, 'CONFLICT');
  });

  it('deletes samples by id and by view', async () => {
    const { name, ids } = await seeded('Deleted');
    expect(await ok(send('POST', at(PATHS.samplesDelete, name), { ids: [ids[0]] }))).toEqual({ deleted: 1 });
    expect(
      await ok(
        send('POST', at(PATHS.samplesDelete, name), { view: { stages: [{ stage: 'match_tags', tags: ['odd'] }] } }),
      ),
    ).toEqual({ deleted: 2 });
    expect((await allPages(name, {})).samples.map((s) => s.id)).toEqual([ids[2], ids[4]]);
  });

  it('a malformed view is a 400 naming each bad part in details.problems', async () => {
    const { name } = await seeded('Malformed');
    const bad = {
      stages: [
        { stage: 'limit', n: 1 },
        { stage: 'match', filter: { op: 'no_such_op', args: [] } },
        { stage: 'teleport' },
      ],
    };
    for (const path of [PATHS.samplesQuery, PATHS.values, PATHS.aggregate, PATHS.countTags, PATHS.tag]) {
      const body = {
        view: bad,
        ...(path === PATHS.values ? { path: 'uniqueness' } : {}),
        ...(path === PATHS.aggregate ? { aggregations: [{ type: 'count' }] } : {}),
        ...(path === PATHS.tag ? { tags: ['t'] } : {}),
      };
      const error = expectError(await send('POST', at(path, name), body), 400, 'BAD_REQUEST');
      const problems = (error.details as { problems: Array<{ path: string; message: string }> }).problems;
      expect(problems.map((p) => p.path)).toEqual([
        expect.stringMatching(/^stages\[1\]\.filter/),
        expect.stringMatching(/^stages\[2\]/),
      ]);
      expect(error.message).toContain('stages[1].filter');
    }
    // Well-formed, but wrong for this dataset's schema: the service names the part too.
    const unknownField = expectError(
      await send('POST', at(PATHS.samplesQuery, name), {
        view: { stages: [{ stage: 'exists', field: 'no_such_field' }] },
      }),
      400,
      'BAD_REQUEST',
    );
    expect((unknownField.details as { problems: Array<{ path: string }> }).problems[0]?.path).toMatch(/^stages\[0\]/);
    expect(unknownField.message).toContain('no_such_field');
  });

  it('a value of the wrong type is a 400 naming the field and both types; the batch adds nothing', async () => {
    const { name } = await seeded('Typed');
    const error = expectError(
      await send('POST', at(PATHS.samples, name), {
        samples: [
          { filepath: '/ok.jpg', uniqueness: 0.1 },
          { filepath: '/bad.jpg', uniqueness: 'very' },
        ],
      }),
      400,
      'BAD_REQUEST',
    );
    expect(error.details).toMatchObject({ field: 'uniqueness' });
    expect(error.message).toContain('uniqueness');
    expect(error.message).toContain('float');
    expect(error.message).toContain('string');
    expect(
      (await ok<AggregateResult>(send('POST', at(PATHS.aggregate, name), { aggregations: [{ type: 'count' }] })))
        .results,
    ).toEqual([{ type: 'count', count: 5 }]);
  });

  it('add-samples and set-values take bodies over the 1 MB default up to their own limit; over it → 413', async () => {
    const name = uniqueName('Bulk');
    await ok<Dataset>(send('POST', PATHS.datasets, { name }), 201);
    const pad = 'x'.repeat(8000);
    const batch = Array.from({ length: 300 }, (_, i) => ({ filepath: `/bulk/${i}.jpg`, caption: pad }));
    const body = JSON.stringify({ samples: batch });
    expect(Buffer.byteLength(body)).toBeGreaterThan(2 * 1024 * 1024);
    const added = await fx.inject({
      method: 'POST',
      url: at(PATHS.samples, name),
      headers: { ...member, 'content-type': 'application/json' },
      payload: body,
    });
    expect(added.statusCode, added.body.slice(0, 300)).toBe(201);
    const setBody = JSON.stringify({ path: 'caption', values: batch.map(() => pad.replace(/x/g, 'y')) });
    expect(Buffer.byteLength(setBody)).toBeGreaterThan(2 * 1024 * 1024);
    const set = await fx.inject({
      method: 'POST',
      url: at(PATHS.setValues, name),
      headers: { ...member, 'content-type': 'application/json' },
      payload: setBody,
    });
    expect(set.statusCode, set.body.slice(0, 300)).toBe(200);
    // Other routes keep the app's 1 MB limit.
    expectError(
      await fx.inject({
        method: 'POST',
        url: at(PATHS.samplesQuery, name),
        headers: { ...member, 'content-type': 'application/json' },
        payload: JSON.stringify({ limit: 1, pad: 'p'.repeat(2 * 1024 * 1024) }),
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
    const tooBig = `{"samples":[{"filepath":"/x.jpg","caption":"${'z'.repeat(BULK_BODY_LIMIT_BYTES)}"}]}`;
    expectError(
      await fx.inject({
        method: 'POST',
        url: at(PATHS.samples, name),
        headers: { ...member, 'content-type': 'application/json' },
        payload: tooBig,
      }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  it('every sample route is in the OpenAPI document', async () => {
    const doc = (await fx.inject({ method: 'GET', url: PATHS.openapi })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const expected: Array<[string, string[]]> = [
      [PATHS.datasetClone, ['post']],
      [PATHS.samples, ['post']],
      [PATHS.samplesQuery, ['post']],
      [PATHS.samplesDelete, ['post']],
      [PATHS.sample, ['get', 'patch']],
      [PATHS.values, ['post']],
      [PATHS.setValues, ['post']],
      [PATHS.tag, ['post']],
      [PATHS.untag, ['post']],
      [PATHS.countTags, ['post']],
      [PATHS.aggregate, ['post']],
      [PATHS.fields, ['get', 'post']],
      [PATHS.field, ['delete', 'patch']],
      [PATHS.savedViews, ['get']],
      [PATHS.savedView, ['get', 'put', 'delete']],
    ];
    for (const [path, methods] of expected) {
      const operations = doc.paths[path.replace(/:([a-zA-Z]+)/g, '{$1}')];
      expect(operations, path).toBeDefined();
      expect(Object.keys(operations ?? {}), path).toEqual(expect.arrayContaining(methods));
    }
  });
});
