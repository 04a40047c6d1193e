// The whoami response serializer: one JSON string per cached key user, since whoami is the SDK's connection check and the auth yardstick.
import type { ApiKeyScope, User, WhoAmI } from '@teamset/contract';
import type { FastifySerializerCompiler } from 'fastify';

interface CachedBody {
  authMethod: string;
  apiKeyId: string | null;
  apiKeyScope: ApiKeyScope | null;
  body: string;
}

/**
 * Keyed by the user object itself: the key verifier hands out the same object for as long as it caches a key
 * and makes a new one when it re-reads the user (role change, rename, eviction), so a stale body cannot be
 * served and nothing here needs invalidating. Session users are fresh objects each request and simply miss.
 */
const bodies = new WeakMap<User, CachedBody>();

/** JSON of WhoAmI with exactly the schema's fields, as the compiled serializer would write it. */
export function serializeWhoAmI(data: WhoAmI): string {
  const hit = bodies.get(data.user);
  // The scope is compared by identity: the key verifier hands out one object per cached key.
  if (
    hit &&
    hit.authMethod === data.authMethod &&
    hit.apiKeyId === data.apiKeyId &&
    hit.apiKeyScope === data.apiKeyScope
  )
    return hit.body;
  const { id, email, name, role, createdAt } = data.user;
  const body = JSON.stringify({
    user: { id, email, name, role, createdAt },
    authMethod: data.authMethod,
    apiKeyId: data.apiKeyId,
    apiKeyScope: data.apiKeyScope && scopeJson(data.apiKeyScope),
  });
  bodies.set(data.user, {
    authMethod: data.authMethod,
    apiKeyId: data.apiKeyId,
    apiKeyScope: data.apiKeyScope,
    body,
  });
  return body;
}

/** Exactly the schema's fields, in its order. */
function scopeJson(scope: ApiKeyScope): ApiKeyScope {
  return {
    maxPermission: scope.maxPermission,
    datasets: scope.datasets && scope.datasets.map(({ id, name }) => ({ id, name })),
    readOnlyManagement: scope.readOnlyManagement,
  };
}

const stringify = (data: unknown): string => JSON.stringify(data);

/** Route option: the cached serializer for 200, plain JSON for the error bodies. */
export const WHOAMI_SERIALIZER: { serializerCompiler: FastifySerializerCompiler<unknown> } = {
  serializerCompiler: ({ httpStatus }) =>
    httpStatus === '200' ? (data) => serializeWhoAmI(data as WhoAmI) : stringify,
};
