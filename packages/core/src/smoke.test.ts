// Smoke: migrations apply and the bootstrap path (system creates admin, admin gets a key, key verifies) works on both dialects.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from './actor.js';
import { createServices, type Services } from './services.js';
import { createTestDatabase, testDialects, type TestDatabase } from './test-support/test-databases.js';

describe.each(await testDialects())('bootstrap on %s', (dialect) => {
  let tdb: TestDatabase;
  let services: Services;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    services = await createServices({ databaseUri: tdb.uri });
  });
  afterAll(async () => {
    await services?.close();
    await tdb?.drop();
  });

  it('creates an admin, generates a key and verifies it', async () => {
    const admin = await services.users.create(SYSTEM_ACTOR, {
      email: 'Ada@Example.com',
      name: 'Ada',
      role: 'ADMIN',
      password: 'correct horse',
    });
    expect(admin.email).toBe('ada@example.com');
    const { key, apiKey } = await services.keys.generate(SYSTEM_ACTOR, { name: 'laptop', user: 'ADA@example.com' });
    expect(apiKey.userId).toBe(admin.id);
    const verified = await services.keyVerifier.verify(key);
    expect(verified.user.id).toBe(admin.id);
    const session = await services.sessions.signIn({
      email: 'ada@example.com',
      password: 'correct horse',
      ip: null,
      userAgent: null,
    });
    expect((await services.sessions.resolve(session.token))?.user.id).toBe(admin.id);
  });
});
