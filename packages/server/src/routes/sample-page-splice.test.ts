// Sample pages spliced from stored JSON text: over HTTP they equal the parsed path's pages, for every kind of view, on both databases.
import { PATHS, fillPath, type SamplePage } from '@teamset/contract';
import { SYSTEM_ACTOR } from '@teamset/core';
import { testDialects } from '@teamset/core/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthFixture, keyHeaders, type AuthFixture } from '../test-support/auth-fixture.js';
import { expectError } from '../test-support/http-assertions.js';

/** Strings JSON must escape, or that a naive splice would break: quotes, backslashes, controls, line separators, astral. */
const AWKWARD = [
  'say "hi"',
  'back\\slash \\u0041',
  'tab\tnew\nline\r',
  '\u2028\u2029',
  'é 漢字 🦆',
  '</script>',
  '{}[],:',
];

const gt = (path: string, value: number) => ({
  op: 'gt',
  args: [
    { op: 'elem', path },
    { op: 'lit', value },
  ],
});

const VIEWS: Record<string, unknown> = {
  'the dataset': undefined,
  'filter_labels (labels removed in SQL)': {
    stages: [{ stage: 'filter_labels', field: 'ground_truth', filter: gt('confidence', 0.5) }],
  },
  'filter_labels keeping empty samples': {
    stages: [{ stage: 'filter_labels', field: 'ground_truth', filter: gt('confidence', 0.5), only_matches: false }],
  },
  select_fields: { stages: [{ stage: 'select_fields', fields: ['note'] }] },
  exclude_fields: { stages: [{ stage: 'exclude_fields', fields: ['ground_truth'] }] },
  'sort_by, reversed': { stages: [{ stage: 'sort_by', field: 'rank', reverse: true }] },
  'limit past the end': { stages: [{ stage: 'limit', n: 1000 }] },
  'skip and limit': {
    stages: [
      { stage: 'skip', n: 3 },
      { stage: 'limit', n: 11 },
    ],
  },
  'match_tags, then a limit': {
    stages: [
      { stage: 'match_tags', tags: ['odd'] },
      { stage: 'limit', n: 7 },
    ],
  },
  'no samples (an empty page)': { stages: [{ stage: 'match_tags', tags: ['nope'] }] },
};

describe.each(await testDialects())('sample pages spliced from JSON text on %s', (dialect) => {
  let fx: AuthFixture;
  const name = 'splice';
  const url = fillPath(PATHS.samplesQuery, { name });

  beforeAll(async () => {
    fx = await createAuthFixture({ dialect });
    await fx.services.datasets.create(SYSTEM_ACTOR, { name });
    const samples = Array.from({ length: 23 }, (_, i) => ({
      filepath: `/splice/${AWKWARD[i % AWKWARD.length]}/${i}.jpg`,
      tags: i % 2 === 1 ? ['odd', AWKWARD[i % AWKWARD.length] as string] : [],
      metadata: i % 4 === 0 ? null : { width: 640 + i, height: 480, note: AWKWARD[(i + 1) % AWKWARD.length] },
      ...(i % 5 === 0
        ? {}
        : {
            rank: (i * 7) % 23,
            note: AWKWARD[(i + 2) % AWKWARD.length],
            nested: { list: [1.5, -0, 1e-7, 12345678901234], flag: true, none: null },
            ground_truth: {
              _cls: 'Detections',
              detections: Array.from({ length: i % 3 }, (__, k) => ({
                _cls: 'Detection',
                label: AWKWARD[(i + k) % AWKWARD.length],
                bounding_box: [0.1, 0.2, 0.3, 0.4],
                confidence: ((i * 13 + k * 29) % 100) / 100,
              })),
            },
          }),
    }));
    await fx.services.samples.addSamples(SYSTEM_ACTOR, name, samples);
  });
  afterAll(async () => {
    await fx?.close();
  });

  async function httpPage(body: Record<string, unknown>): Promise<SamplePage> {
    const response = await fx.inject({ method: 'POST', url, headers: keyHeaders(fx.users.ADMIN.key), payload: body });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    return response.json<SamplePage>();
  }

  it.each(Object.entries(VIEWS))('%s: every page, cursor by cursor, equals the parsed path', async (_name, view) => {
    for (const limit of [1, 4, 100]) {
      let after: string | undefined;
      let pages = 0;
      for (;;) {
        const body = { ...(view === undefined ? {} : { view }), ...(after === undefined ? {} : { after }), limit };
        const page = await httpPage(body);
        const parsed = await fx.services.samples.querySamples(SYSTEM_ACTOR, name, body);
        expect(page).toEqual(JSON.parse(JSON.stringify(parsed)));
        // Key order too: built-ins first, then the custom fields, as toSample makes them.
        expect(page.samples.map((s) => Object.keys(s))).toEqual(parsed.samples.map((s) => Object.keys(s)));
        pages++;
        if (page.nextCursor === null) break;
        after = page.nextCursor;
        expect(pages).toBeLessThan(30);
      }
    }
  });

  it('an empty page is {"samples":[],"nextCursor":null}', async () => {
    const response = await fx.inject({
      method: 'POST',
      url,
      headers: keyHeaders(fx.users.ADMIN.key),
      payload: { view: VIEWS['no samples (an empty page)'] },
    });
    expect(response.body).toBe('{"samples":[],"nextCursor":null}');
  });

  it('keeps awkward strings byte for byte', async () => {
    const page = await httpPage({ limit: 100 });
    const notes = new Set(page.samples.map((s) => s['note']).filter((n) => n !== undefined));
    expect(notes).toEqual(new Set(AWKWARD));
    expect(page.samples.map((s) => s.filepath)).toContain(`/splice/${AWKWARD[1]}/1.jpg`);
  });

  it('errors keep the error shape: a cursor of another view is 400', async () => {
    const { nextCursor } = await httpPage({ limit: 2 });
    const response = await fx.inject({
      method: 'POST',
      url,
      headers: keyHeaders(fx.users.ADMIN.key),
      payload: { view: VIEWS['skip and limit'], after: nextCursor, limit: 2 },
    });
    expectError(response, 400, 'BAD_REQUEST');
  });
});
