// serializeWhoAmI: exactly the schema's fields, one string per user object, a new object (re-read user) a new body.
import { UNSCOPED_KEY, type ApiKeyScope, type User } from '@teamset/contract';
import { describe, expect, it } from 'vitest';
import { serializeWhoAmI } from './whoami-body.js';

const user = (name: string): User => ({
  id: 'u1',
  email: 'a@example.com',
  name,
  role: 'MEMBER',
  createdAt: '2026-11-26T00:00:00.000Z',
});

describe('serializeWhoAmI', () => {
  it('writes exactly the WhoAmI fields, dropping anything else on the user object', () => {
    const extra = { ...user('Ada'), passwordHash: 'secret' } as User;
    const body = JSON.parse(
      serializeWhoAmI({ user: extra, authMethod: 'api_key', apiKeyId: 'k1', apiKeyScope: UNSCOPED_KEY }),
    ) as Record<string, unknown>;
    expect(body).toEqual({ user: user('Ada'), authMethod: 'api_key', apiKeyId: 'k1', apiKeyScope: UNSCOPED_KEY });
  });

  it('reuses the body for the same user object and key, and never serves it for another key or a re-read user', () => {
    const cached = user('Ada');
    const first = serializeWhoAmI({ user: cached, authMethod: 'api_key', apiKeyId: 'k1', apiKeyScope: UNSCOPED_KEY });
    expect(serializeWhoAmI({ user: cached, authMethod: 'api_key', apiKeyId: 'k1', apiKeyScope: UNSCOPED_KEY })).toBe(
      first,
    );
    expect(
      JSON.parse(serializeWhoAmI({ user: cached, authMethod: 'api_key', apiKeyId: 'k2', apiKeyScope: UNSCOPED_KEY })),
    ).toMatchObject({
      apiKeyId: 'k2',
    });
    expect(
      JSON.parse(
        serializeWhoAmI({
          user: user('Ada Lovelace'),
          authMethod: 'api_key',
          apiKeyId: 'k1',
          apiKeyScope: UNSCOPED_KEY,
        }),
      ),
    ).toMatchObject({ user: { name: 'Ada Lovelace' } });
  });

  it('writes the key’s scope, and a new scope object (re-verified key) gets a new body', () => {
    const cached = user('Ada');
    const scope: ApiKeyScope = {
      maxPermission: 'VIEW',
      datasets: [{ id: 'd1', name: 'birds' }],
      readOnlyManagement: true,
    };
    const first = serializeWhoAmI({ user: cached, authMethod: 'api_key', apiKeyId: 'k1', apiKeyScope: scope });
    expect(JSON.parse(first)).toMatchObject({ apiKeyScope: scope });
    expect(serializeWhoAmI({ user: cached, authMethod: 'api_key', apiKeyId: 'k1', apiKeyScope: scope })).toBe(first);
    const wider = { ...scope, maxPermission: 'EDIT' as const };
    expect(
      JSON.parse(serializeWhoAmI({ user: cached, authMethod: 'api_key', apiKeyId: 'k1', apiKeyScope: wider })),
    ).toMatchObject({ apiKeyScope: { maxPermission: 'EDIT' } });
    expect(
      JSON.parse(serializeWhoAmI({ user: cached, authMethod: 'session', apiKeyId: null, apiKeyScope: null })),
    ).toMatchObject({ apiKeyScope: null });
  });
});
