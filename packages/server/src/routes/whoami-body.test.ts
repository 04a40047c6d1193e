// serializeWhoAmI: exactly the schema's fields, one string per user object, a new object (re-read user) a new body.
import type { User } from '@teamset/contract';
import { describe, expect, it } from 'vitest';
import { serializeWhoAmI } from './whoami-body.js';

const user = (name: string): User => ({
  id: 'u1',
  email: 'a@example.com',
  name,
  role: 'MEMBER',
  kind: 'person',
  createdAt: '2026-11-26T00:00:00.000Z',
});

describe('serializeWhoAmI', () => {
  it('writes exactly the WhoAmI fields, dropping anything else on the user object', () => {
    const extra = { ...user('Ada'), passwordHash: 'secret' } as User;
    const body = JSON.parse(serializeWhoAmI({ user: extra, authMethod: 'api_key', apiKeyId: 'k1' })) as Record<
      string,
      unknown
    >;
    expect(body).toEqual({ user: user('Ada'), authMethod: 'api_key', apiKeyId: 'k1' });
  });

  it('reuses the body for the same user object and key, and never serves it for another key or a re-read user', () => {
    const cached = user('Ada');
    const first = serializeWhoAmI({ user: cached, authMethod: 'api_key', apiKeyId: 'k1' });
    expect(serializeWhoAmI({ user: cached, authMethod: 'api_key', apiKeyId: 'k1' })).toBe(first);
    expect(JSON.parse(serializeWhoAmI({ user: cached, authMethod: 'api_key', apiKeyId: 'k2' }))).toMatchObject({
      apiKeyId: 'k2',
    });
    expect(
      JSON.parse(serializeWhoAmI({ user: user('Ada Lovelace'), authMethod: 'api_key', apiKeyId: 'k1' })),
    ).toMatchObject({ user: { name: 'Ada Lovelace' } });
  });
});
