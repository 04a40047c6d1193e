// The error handler never sends internal text: a stray 4xx error says only its status, anything unexpected "Internal server error".
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { installErrorHandling } from './error-handler.js';
import { installJsonBodyParser } from './json-body-parser.js';

describe('error answers', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = Fastify({ logger: false });
    installErrorHandling(app);
    installJsonBodyParser(app);
    app.get('/library-4xx', async () => {
      throw Object.assign(new Error('ENOENT: no such file /srv/teamset/secret.db'), { statusCode: 404 });
    });
    app.get('/overflow', async () => {
      const recurse = (n: number): number => recurse(n + 1) + 1;
      return recurse(0);
    });
    app.post('/echo', async (request) => request.body as object);
    await app.ready();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a 4xx error from a library says only its status name', async () => {
    const response = await app.inject({ method: 'GET', url: '/library-4xx' });
    expect(response.statusCode).toBe(404);
    expect(response.json()).toMatchObject({ error: { code: 'NOT_FOUND', message: 'Not Found' } });
  });

  it('a stack overflow is a 500 "Internal server error"', async () => {
    const response = await app.inject({ method: 'GET', url: '/overflow' });
    expect(response.statusCode).toBe(500);
    expect(response.json()).toMatchObject({ error: { code: 'INTERNAL', message: 'Internal server error' } });
    expect(response.body).not.toMatch(/call stack/);
  });

  it('Fastify’s own client errors and JSON syntax errors still say what is wrong with the request', async () => {
    const syntax = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: '{"a":',
    });
    expect(syntax.statusCode).toBe(400);
    expect(syntax.json<{ error: { message: string } }>().error.message).toMatch(/JSON/);
    const empty = await app.inject({
      method: 'POST',
      url: '/echo',
      headers: { 'content-type': 'application/json' },
      payload: '',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.json<{ error: { message: string } }>().error.message).toMatch(/empty/i);
  });
});
