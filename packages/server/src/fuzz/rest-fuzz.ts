// The REST fuzz pass: every operation of the served OpenAPI document, generated requests as several callers, health after each.
import { rmSync } from 'node:fs';
import { API_KEY_HEADER, NDJSON_CONTENT_TYPE } from '@teamset/contract';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { TestDialect } from '@teamset/core/testing';
import { createAuthFixture, sessionHeaders, type AuthFixture } from '../test-support/auth-fixture.js';
import { ndjsonBody, oddBody, plausibleBody, withInvalidUtf8InValue } from './body-mutations.js';
import { INVALID_UTF8 } from './hostile-values.js';
import { expectHealthy, seedAnchor } from './fuzz-health.js';
import { announceSeed, assertOptions, seedFor } from './fuzz-settings.js';
import {
  allWorldValues,
  createMediaFolder,
  propertyHints,
  realPathValues,
  seedWorld,
  type FuzzWorld,
} from './fuzz-world.js';
import { schemaArbitrary, type JsonSchema, type SchemaArbitraryOptions } from './json-schema-arbitrary.js';
import {
  listOperations,
  operationLabel,
  refResolver,
  type OpenApiDocument,
  type Operation,
} from './openapi-operations.js';
import { assertAcceptable, injectWithin, readable, restProblem, type Attempt } from './response-checks.js';
import { oddHeaders } from './odd-headers.js';
import { oddPathValue, oddQuery, plausibleQuery, realPathValue } from './url-parts.js';

/**
 * Operations not fuzzed, each with the reason. The suite fails on an entry without a reason or naming an
 * operation the document does not have, so the list cannot silently grow stale.
 */
export const SKIPPED_OPERATIONS: Readonly<Record<string, string>> = {};

interface Caller {
  label: string;
  headers: Record<string, string>;
}

export interface RestFuzzOptions {
  dialect: TestDialect;
  /** Runs per operation as the admin. */
  adminRuns: number;
  /** Runs per operation as each other caller (no credentials, a member's key, a guest's session); 0 for none. */
  otherCallerRuns: number;
}

/**
 * Which part of the request is broken. A request broken in every part at once stops at the first check, so
 * each case breaks one part (or none) and the rest stays plausible enough to reach the handler's own logic.
 */
const FAULT = fc.oneof(
  { arbitrary: fc.constant('none' as const), weight: 3 },
  { arbitrary: fc.constant('body' as const), weight: 5 },
  { arbitrary: fc.constant('path' as const), weight: 2 },
  { arbitrary: fc.constant('query' as const), weight: 1 },
  { arbitrary: fc.constant('headers' as const), weight: 1 },
  { arbitrary: fc.constant('everything' as const), weight: 1 },
);

function schemaOptions(world: FuzzWorld, doc: OpenApiDocument): SchemaArbitraryOptions {
  return { resolveRef: refResolver(doc), hints: propertyHints(world), maxDepth: 3 };
}

/** The operation's path with the first real value of each parameter. */
function realUrl(op: Operation, world: FuzzWorld): string {
  const real = realPathValues(world);
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(real[name]?.[0] ?? 'x'));
}

function attemptArbitrary(
  op: Operation,
  world: FuzzWorld,
  doc: OpenApiDocument,
  caller: Caller,
): fc.Arbitrary<Attempt> {
  const options = schemaOptions(world, doc);
  const real = realPathValues(world);
  const everything = allWorldValues(world);
  const bodyBase = op.body ? schemaArbitrary(op.body, options) : undefined;
  const takesNdjson = op.contentTypes.includes(NDJSON_CONTENT_TYPE);
  const params = op.pathParams.map((p) => {
    const own = real[p.name] ?? [];
    return fc
      .tuple(realPathValue(p, own, options), oddPathValue(everything.filter((v) => !own.includes(v))))
      .map(([good, odd]) => [p.name, good, odd] as const);
  });
  const parts = fc.record({
    fault: FAULT,
    oddParam: fc.nat(),
    params: fc.tuple(...params),
    query: plausibleQuery(op.queryParams, options),
    oddQuery: oddQuery(op.queryParams),
    body: takesNdjson ? fc.oneof(plausibleBody(bodyBase), ndjsonBody(bodyBase)) : plausibleBody(bodyBase),
    oddHeaders,
    oddBody: takesNdjson ? fc.oneof(oddBody(bodyBase), ndjsonBody(bodyBase)) : oddBody(bodyBase),
  });
  return parts.map(
    ({
      fault,
      oddParam,
      params: values,
      query: goodQuery,
      oddQuery: badQuery,
      body: goodBody,
      oddBody: badBody,
      oddHeaders: extraHeaders,
    }) => {
      const broken = fault === 'everything' ? -1 : fault === 'path' ? oddParam % Math.max(1, values.length) : undefined;
      const byName = new Map<string, string>(
        values.map(([name, good, odd], i) => [name, broken === -1 || broken === i ? odd : good]),
      );
      const query = fault === 'query' || fault === 'everything' ? badQuery : goodQuery;
      const b = fault === 'body' || fault === 'everything' ? badBody : goodBody;
      const url = op.path.replace(/\{(\w+)\}/g, (_, name: string) => byName.get(name) ?? '') + query;
      const headers = {
        ...caller.headers,
        ...(fault === 'headers' || fault === 'everything' ? extraHeaders : {}),
        ...(b.contentType ? { 'content-type': b.contentType } : {}),
      };
      return readable({
        method: op.method,
        url,
        headers,
        ...(b.payload !== undefined ? { payload: b.payload } : {}),
        note: `broken: ${fault}; body ${b.note}`,
      });
    },
  );
}

/** Generates `runs` requests for the operation as the caller; the first unacceptable answer fails, shrunk. */
async function fuzzOperation(
  fx: AuthFixture,
  doc: OpenApiDocument,
  op: Operation,
  world: FuzzWorld,
  caller: Caller,
  runs: number,
): Promise<void> {
  const label = `${operationLabel(op)} as ${caller.label}`;
  const property = fc.asyncProperty(attemptArbitrary(op, world, doc, caller), async (attempt) => {
    const response = await injectWithin(fx.app, attempt);
    assertAcceptable(attempt, response, restProblem(response, attempt.method));
  });
  await fc.assert(property, assertOptions(label, runs));
}

/** Loads the document through the app itself: the route list is what a client would see. */
async function servedDocument(fx: AuthFixture): Promise<OpenApiDocument> {
  const response = await fx.inject({ method: 'GET', url: '/api/v1/openapi.json' });
  if (response.statusCode !== 200) throw new Error(`GET /api/v1/openapi.json answered ${response.statusCode}`);
  return response.json<OpenApiDocument>();
}

/**
 * Declares the suite. The app is built while the file is collected (top-level await in the caller), so each
 * operation of the served document becomes its own test.
 */
export async function describeRestFuzz(options: RestFuzzOptions): Promise<void> {
  const fx = await createAuthFixture({ dialect: options.dialect });
  const doc = await servedDocument(fx);
  const operations = listOperations(doc);
  await seedAnchor(fx);
  const media = createMediaFolder();

  describe(`REST fuzz on ${options.dialect}`, () => {
    afterAll(async () => {
      await fx.close();
      rmSync(media.root, { recursive: true, force: true });
    });

    it('the served document lists the routes; every skipped one has a reason and exists', () => {
      announceSeed(`REST fuzz on ${options.dialect}`);
      expect(operations.length).toBeGreaterThan(0);
      const labels = new Set(operations.map(operationLabel));
      for (const [label, reason] of Object.entries(SKIPPED_OPERATIONS)) {
        expect(labels.has(label), `skipped ${label} is not in the document`).toBe(true);
        expect(reason.trim().length, `skipped ${label} has no reason`).toBeGreaterThan(0);
      }
    });

    // Known gap, owned by the change that refuses invalid UTF-8: today such a body is decoded with U+FFFD and
    // routes accept it. The lead turns this into a plain `it` once that change is merged.
    it('a JSON body with invalid UTF-8 in a string is never accepted', { timeout: 120_000 }, async () => {
      const world = await seedWorld(fx.services, `${options.dialect}-utf8`, media);
      const accepted: string[] = [];
      for (const op of operations.filter((o) => o.body)) {
        const values = fc.sample(schemaArbitrary(op.body as JsonSchema, schemaOptions(world, doc)), {
          seed: seedFor(operationLabel(op)),
          numRuns: 20,
        });
        const payload = values
          .map((v) => withInvalidUtf8InValue(v, INVALID_UTF8[0] as Buffer))
          .find((p) => p !== undefined);
        if (payload === undefined) continue;
        const headers = { [API_KEY_HEADER]: fx.users.ADMIN.key, 'content-type': 'application/json' };
        const response = await injectWithin(fx.app, { method: op.method, url: realUrl(op, world), headers, payload });
        if (response.statusCode < 300) accepted.push(`${operationLabel(op)}: ${response.statusCode}`);
      }
      expect(accepted).toEqual([]);
    });

    operations.forEach((op, index) => {
      const label = operationLabel(op);
      const reason = SKIPPED_OPERATIONS[label];
      if (reason !== undefined) {
        it.skip(`${label} (skipped: ${reason})`, () => undefined);
        return;
      }
      it(label, { timeout: 300_000 }, async () => {
        const world = await seedWorld(fx.services, `${options.dialect}-${index}`, media);
        await fuzzOperation(
          fx,
          doc,
          op,
          world,
          { label: 'admin (key)', headers: { [API_KEY_HEADER]: fx.users.ADMIN.key } },
          options.adminRuns,
        );
        await expectHealthy(fx, `${label} as admin`);
        if (options.otherCallerRuns === 0) return;
        const guest = await fx.newSession('GUEST');
        const others: Caller[] = [
          { label: 'no credentials', headers: {} },
          { label: 'member (key)', headers: { [API_KEY_HEADER]: fx.users.MEMBER.key } },
          { label: 'guest (session)', headers: sessionHeaders(guest) },
        ];
        for (const caller of others) await fuzzOperation(fx, doc, op, world, caller, options.otherCallerRuns);
        await expectHealthy(fx, `${label} as the other callers`);
      });
    });
  });
}
