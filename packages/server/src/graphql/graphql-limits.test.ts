// GraphQL's limits: deep or fanning-out queries are refused before they run (HTTP 200 with `errors`), FiftyOne's own pass.
import { SYSTEM_ACTOR } from '@teamset/core';
import { getIntrospectionQuery, parse, validate, type GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthFixture, type AuthFixture } from '../test-support/auth-fixture.js';
import { FIFTYONE_DOCUMENTS } from '../test-support/fiftyone-replay.js';
import { executeRequest } from './execute-request.js';
import { DEFAULT_GRAPHQL_LIMITS, limitProblem } from './query-limits.js';
import { buildTeamsetSchema } from './schema.js';

type Answer = {
  data?: unknown;
  errors?: Array<{ message: string; extensions?: { code?: string; details?: Record<string, unknown> } }>;
};

/** `{viewer{id userGroups{id users{id userGroups{…}}}}}` with `pairs` userGroups/users pairs: the issue's probe at pairs 3 is depth 8. */
function fanOut(pairs: number): string {
  return `{viewer{id ${'userGroups{id users{id '.repeat(pairs)}${'}}'.repeat(pairs)}}}`;
}

/** Variables as FiftyOne's functions pass them; the paging sizes are the largest its functions send. */
const VARIABLES: Record<string, unknown> = {
  first: 10_000,
  after: null,
  userId: 'u',
  dataset: 'd',
  groupId: 'g',
  user_id: 'u',
};

describe('GraphQL depth and cost limits', () => {
  let fx: AuthFixture;

  const post = async (
    query: string,
    key = fx.users.ADMIN.key,
    variables: Record<string, unknown> | null = null,
  ): Promise<Answer> => {
    const response = await fx.inject({
      method: 'POST',
      url: '/graphql/v1',
      headers: { 'x-api-key': key, 'content-type': 'application/json' },
      payload: JSON.stringify({ query, variables }),
    });
    expect(response.statusCode).toBe(200);
    return response.json<Answer>();
  };

  beforeAll(async () => {
    fx = await createAuthFixture();
    // Each userGroups/users pair of the probe multiplies the work by groups × members; the collaborator is in none.
    const everyone = [fx.users.ADMIN, fx.users.MEMBER, fx.users.GUEST].map((u) => u.user.id);
    for (let i = 0; i < 4; i++)
      await fx.services.groups.create(SYSTEM_ACTOR, { name: `fan-out ${i}`, description: null, users: everyone });
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('refuses the issue’s fan-out probe before running it, naming the cost limit and the estimate', async () => {
    const started = Date.now();
    const answer = await post(fanOut(3));
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(answer.data).toBeUndefined();
    expect(answer.errors).toHaveLength(1);
    const [error] = answer.errors ?? [];
    expect(error?.message).toMatch(/estimated cost is \d+; the limit is 2000/);
    expect(error?.extensions).toMatchObject({ code: 'BAD_REQUEST', details: { limit: 'cost', max: 2000 } });
    // One level of fan-out less still runs.
    expect((await post(fanOut(1))).errors).toBeUndefined();
  });

  it('refuses a query nested past the depth limit, counted through fragments and inline fragments', async () => {
    // Each fragment adds two levels (userGroups, users) inside an inline fragment, which adds none: 2 + 8 × 2 = 18.
    const names = 'ABCDEFGH';
    const fragments = [...names].map(
      (name, i) =>
        `fragment ${name} on User{... on User{userGroups{users{${names[i + 1] ? `...${names[i + 1]}` : 'id'}}}}}`,
    );
    const answer = await post(`query{viewer{...A}} ${fragments.join(' ')}`);
    expect(answer.errors).toEqual([
      {
        message: 'The query is 18 levels deep; the limit is 16',
        extensions: { code: 'BAD_REQUEST', details: { limit: 'depth', max: 16, measured: 18 } },
      },
    ]);
  });

  it('a fragment cycle is graphql’s own validation error, not a hang or an overflow', async () => {
    const answer = await post(
      'query{viewer{...A}} fragment A on User{userGroups{users{...B}}} fragment B on User{userGroups{users{...A}}}',
    );
    expect(answer.errors?.[0]?.message).toMatch(/Cannot spread fragment "A" within itself/);
  });

  it('a 4,000-level selection is refused by its nesting, without internal text', async () => {
    const query = `{viewer${'{userGroups{users'.repeat(2_000)}{id${'}}'.repeat(2_000)}}}`;
    const answer = await post(query, fx.users.COLLABORATOR.key);
    expect(JSON.stringify(answer)).not.toMatch(/call stack|RangeError/i);
    expect(answer.errors?.[0]?.message).toMatch(
      /^The query nests brackets 4002 levels deep; at most 24 are allowed \(the query depth limit is 16\)$/,
    );
  });

  it('an error outside any resolver is "Internal server error", its text only in the log', async () => {
    const logged: unknown[] = [];
    const log = { error: (entry: unknown) => logged.push(entry) } as unknown as Parameters<
      typeof executeRequest
    >[2]['log'];
    const broken = {} as GraphQLSchema;
    const answer = await executeRequest(
      broken,
      { query: '{viewer{id}}' },
      { actor: SYSTEM_ACTOR, services: fx.services, acceptUrlBase: '', log },
      DEFAULT_GRAPHQL_LIMITS,
    );
    expect(answer).toEqual({ errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL' } }] });
    expect(logged).toHaveLength(1);
  });

  it('every operation FiftyOne’s management client sends, and a standard introspection query, are within the limits', async () => {
    const schema = buildTeamsetSchema();
    for (const [name, query] of Object.entries(FIFTYONE_DOCUMENTS)) {
      const document = parse(query);
      expect(validate(schema, document), name).toEqual([]);
      expect(limitProblem(schema, document, undefined, VARIABLES, DEFAULT_GRAPHQL_LIMITS), name).toBeUndefined();
    }
    const introspection = await post(
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        inputValueDeprecation: true,
      }),
    );
    expect(introspection.errors).toBeUndefined();
  });

  it('the limits are configurable', async () => {
    const strict = await createAuthFixture({ graphqlLimits: { maxDepth: 5, maxCost: 5 } });
    try {
      const ask = async (query: string, variables: Record<string, unknown> | null = null) =>
        (
          await strict.inject({
            method: 'POST',
            url: '/graphql/v1',
            headers: { 'x-api-key': strict.users.ADMIN.key, 'content-type': 'application/json' },
            payload: JSON.stringify({ query, variables }),
          })
        ).json<Answer>();
      expect((await ask(FIFTYONE_DOCUMENTS.connectionTest)).errors).toBeUndefined();
      expect((await ask('{viewer{userGroups{users{userGroups{users{id}}}}}}')).errors?.[0]?.message).toBe(
        'The query is 6 levels deep; the limit is 5',
      );
      // A list's size comes from its `first` argument, literal or variable.
      expect(
        (await ask('query($first: Int!){userGroups(first: $first){id users{id}}}', { first: 3 })).errors,
      ).toBeUndefined();
      expect(
        (await ask('{dataset(identifier: "x"){users(first: 5){user{id userGroups{id}}}}}')).errors?.[0]?.message,
      ).toMatch(/^The query's estimated cost is 7; the limit is 5/);
    } finally {
      await strict.close();
    }
  });
});
