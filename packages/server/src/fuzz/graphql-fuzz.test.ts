// Fuzzes POST /graphql/v1: random operations of the introspected schema as several callers, broken envelopes and documents, huge aliases, deep nesting.
import { rmSync } from 'node:fs';
import { API_KEY_HEADER } from '@teamset/contract';
import fc from 'fast-check';
import { buildClientSchema, getIntrospectionQuery, type GraphQLSchema, type IntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthFixture, sessionHeaders, type AuthFixture } from '../test-support/auth-fixture.js';
import { expectHealthy, seedAnchor } from './fuzz-health.js';
import { FUZZ_RUNS, announceSeed, assertOptions, runsFraction } from './fuzz-settings.js';
import { createMediaFolder, propertyHints, seedWorld, type FuzzWorld, type MediaFolder } from './fuzz-world.js';
import {
  aliasesDocument,
  badEnvelope,
  deepDocument,
  graphqlBody,
  malformedDocument,
  operationArbitrary,
  type GraphqlRequest,
} from './graphql-documents.js';
import { assertAcceptable, graphqlProblem, injectWithin, type Attempt } from './response-checks.js';

const GRAPHQL_URL = '/graphql/v1';

/** GraphQL argument names mapped onto the world's real values. */
function argumentHints(world: FuzzWorld): (name: string) => readonly string[] {
  const property = propertyHints(world);
  const byName: Record<string, readonly string[]> = {
    id: [world.userId, world.userEmail],
    userId: [world.userId, world.userEmail],
    userIds: [world.userId, world.userEmail],
    identifier: [world.dataset, world.groupId, world.groupName],
    datasetIdentifier: [world.dataset],
    userGroupIdentifier: [world.groupId, world.groupName],
    invitationId: [world.invitationId],
    keyId: [world.keyId],
    after: ['', 'bm90IGEgY3Vyc29y'],
  };
  return (name) => byName[name] ?? property(name);
}

describe('GraphQL fuzz', () => {
  let fx: AuthFixture;
  let schema: GraphQLSchema;
  let world: FuzzWorld;
  let media: MediaFolder | undefined;
  const admin = (): Record<string, string> => ({ [API_KEY_HEADER]: fx.users.ADMIN.key });

  async function send(request: GraphqlRequest, headers: Record<string, string>): Promise<void> {
    const attempt: Attempt = {
      method: 'POST',
      url: GRAPHQL_URL,
      headers: { ...headers, 'content-type': request.contentType },
      payload: request.payload,
      note: request.note,
    };
    const response = await injectWithin(fx.app, attempt);
    assertAcceptable(attempt, response, graphqlProblem(response));
  }

  async function fuzz(
    label: string,
    requests: fc.Arbitrary<GraphqlRequest>,
    headers: () => Record<string, string>,
    runs: number,
  ): Promise<void> {
    await fc.assert(
      fc.asyncProperty(requests, (request) => send(request, headers())),
      assertOptions(`graphql ${label}`, runs),
    );
    await expectHealthy(fx, `GraphQL ${label}`);
  }

  beforeAll(async () => {
    announceSeed('GraphQL fuzz');
    fx = await createAuthFixture();
    await seedAnchor(fx);
    media = createMediaFolder();
    world = await seedWorld(fx.services, 'graphql', media);
    const response = await fx.inject({
      method: 'POST',
      url: GRAPHQL_URL,
      headers: { ...admin(), 'content-type': 'application/json' },
      payload: graphqlBody(getIntrospectionQuery()),
    });
    schema = buildClientSchema(response.json<{ data: IntrospectionQuery }>().data);
  });
  afterAll(async () => {
    await fx?.close();
    if (media) rmSync(media.root, { recursive: true, force: true });
  });

  it('random operations of the schema, as the admin', { timeout: 300_000 }, async () => {
    await fuzz('operations as admin', operationArbitrary(schema, argumentHints(world)), admin, FUZZ_RUNS * 3);
  });

  it('random operations as a member, a guest and without credentials', { timeout: 300_000 }, async () => {
    const guest = await fx.newSession('GUEST');
    const callers: Array<() => Record<string, string>> = [
      () => ({ [API_KEY_HEADER]: fx.users.MEMBER.key }),
      () => sessionHeaders(guest),
      () => ({}),
    ];
    for (const [i, headers] of callers.entries())
      await fuzz(
        `operations as caller ${i}`,
        operationArbitrary(schema, argumentHints(world)),
        headers,
        runsFraction(2),
      );
  });

  it('malformed documents and broken request envelopes', { timeout: 300_000 }, async () => {
    await fuzz('malformed', fc.oneof(malformedDocument, badEnvelope), admin, FUZZ_RUNS);
  });

  it('huge alias lists', { timeout: 300_000 }, async () => {
    for (const count of [100, 1_000, 3_000])
      await send(
        { payload: graphqlBody(aliasesDocument(count)), contentType: 'application/json', note: `${count} aliases` },
        admin(),
      );
    await expectHealthy(fx, 'huge alias lists');
  });

  it('nesting the parser and validator handle (up to 1,000 levels)', { timeout: 300_000 }, async () => {
    for (const shape of ['selection', 'list-literal', 'object-literal', 'introspection'] as const) {
      for (const levels of [100, 1_000])
        await send(
          {
            payload: graphqlBody(deepDocument(levels, shape)),
            contentType: 'application/json',
            note: `${shape} ×${levels}`,
          },
          admin(),
        );
    }
    await expectHealthy(fx, 'nested documents');
  });

  // Known failure, owned by the GraphQL depth/cost-limit change (a pre-parse nesting check): today 3,000 levels of
  // `ofType` pass the parser and overflow the validator (HTTP 500), and deeper documents answer "Maximum call
  // stack size exceeded". The lead turns this into a plain `it` once that change is merged.
  it(
    'nesting beyond the stack (3,000 to 9,000 levels) is refused without internal text',
    { timeout: 300_000 },
    async () => {
      for (const shape of ['selection', 'list-literal', 'object-literal', 'introspection'] as const) {
        for (const levels of [3_000, 9_000])
          await send(
            {
              payload: graphqlBody(deepDocument(levels, shape)),
              contentType: 'application/json',
              note: `${shape} ×${levels}`,
            },
            admin(),
          );
      }
    },
  );

  it('the schema was introspected', () => {
    expect(Object.keys(schema.getQueryType()?.getFields() ?? {}).length).toBeGreaterThan(0);
  });
});
