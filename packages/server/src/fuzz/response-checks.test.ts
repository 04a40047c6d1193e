// The fuzz suite's own checks: they must catch a 5xx, a hang, a body off the contract and leaked internals, and say readably where.
import Fastify, { type FastifyInstance } from 'fastify';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertOptions } from './fuzz-settings.js';
import {
  assertAcceptable,
  describeAttempt,
  graphqlProblem,
  injectWithin,
  readable,
  restProblem,
  type Attempt,
} from './response-checks.js';

const errorBody = (code: string, message: string) => ({ error: { code, message, requestId: 'r' } });

describe('fuzz response checks', () => {
  let app: FastifyInstance;
  beforeAll(async () => {
    app = Fastify();
    app.post('/crash', async () => {
      throw new Error('boom');
    });
    app.get('/leak', async (_request, reply) =>
      reply.code(400).send(errorBody('BAD_REQUEST', "TypeError: Cannot read properties of undefined (reading 'x')")),
    );
    app.get('/sqlite', async (_request, reply) =>
      reply.code(409).send(errorBody('CONFLICT', 'SQLITE_CONSTRAINT: UNIQUE constraint failed')),
    );
    app.get('/bare', async (_request, reply) => reply.code(404).send({ message: 'nope' }));
    app.get('/fine', async (_request, reply) => reply.code(404).send(errorBody('NOT_FOUND', 'No dataset "x"')));
    app.get('/graphql-internal', async () => ({
      errors: [{ message: 'Internal server error', extensions: { code: 'INTERNAL' } }],
    }));
    app.get('/graphql-stack', async () => ({
      errors: [{ message: 'Maximum call stack size exceeded', extensions: { code: 'BAD_REQUEST' } }],
    }));
    app.get('/graphql-fine', async () => ({
      errors: [{ message: 'Syntax Error: Expected Name', extensions: { code: 'BAD_REQUEST' } }],
    }));
    await app.ready();
  });
  afterAll(async () => {
    await app.close();
  });

  const get = (url: string) => injectWithin(app, { method: 'GET', url });

  it('flag a 5xx, internal text in the message, a body off the contract; pass a proper 4xx', async () => {
    expect(restProblem(await injectWithin(app, { method: 'POST', url: '/crash' }), 'POST')).toBe('status 500');
    expect(restProblem(await get('/leak'), 'GET')).toMatch(/leaks internal text/);
    expect(restProblem(await get('/sqlite'), 'GET')).toMatch(/leaks internal text/);
    expect(restProblem(await get('/bare'), 'GET')).toMatch(/not an ErrorBody/);
    expect(restProblem(await get('/fine'), 'GET')).toBeUndefined();
  });

  it('flag a GraphQL INTERNAL error and stack-overflow text; pass a client error', async () => {
    expect(graphqlProblem(await get('/graphql-internal'))).toMatch(/resolver failed/);
    expect(graphqlProblem(await get('/graphql-stack'))).toMatch(/Maximum call stack/);
    expect(graphqlProblem(await get('/graphql-fine'))).toBeUndefined();
  });

  it('a shrunk counterexample names the method, path, body excerpt and status, never the whole huge body', async () => {
    const huge = 'x'.repeat(200_000);
    const attempts = fc.constantFrom<Attempt>(
      readable({
        method: 'POST',
        url: '/crash',
        headers: { 'content-type': 'application/json' },
        payload: JSON.stringify({ name: huge }),
        note: 'huge-string at name',
      }),
    );
    const failure = await fc
      .assert(
        fc.asyncProperty(attempts, async (attempt) => {
          const response = await injectWithin(app, attempt);
          assertAcceptable(attempt, response, restProblem(response, attempt.method));
        }),
        assertOptions('counterexample', 1),
      )
      .then(
        () => undefined,
        (error: unknown) => String(error),
      );
    expect(failure).toBeDefined();
    expect(failure).toContain('status 500');
    expect(failure).toContain('POST /crash [application/json] (huge-string at name) body "{\\"name\\":\\"xxx');
    expect(failure).toContain('(200011 chars)');
    expect(failure).toContain('answer: 500');
    expect(failure?.length).toBeLessThan(5_000);
  });

  it('describeAttempt shortens long URLs and shows raw bytes as text', () => {
    const text = describeAttempt({
      method: 'GET',
      url: `/a/${'b'.repeat(2_000)}`,
      payload: Buffer.from([0x7b, 0xff, 0x7d]),
    });
    expect(text).toContain('(2003 chars)');
    expect(text).toContain('<bytes> {\uFFFD}');
  });
});
