// API keys: yours, or (as an admin) another user's when `user` is given; generate (with a scope), rotate, delete.
import type { ApiKey, ApiKeyList, CreateApiKeyBody, CreatedApiKey } from '@teamset/contract';
import { fillPath, PATHS } from '@teamset/contract/constants';
import { http } from './http';

export const keysApi = {
  list: async (user?: string): Promise<ApiKey[]> => (await http.get<ApiKeyList>(PATHS.keys, { user })).keys,
  generate: (body: CreateApiKeyBody) => http.post<CreatedApiKey>(PATHS.keys, body),
  delete: (keyId: string) => http.delete(fillPath(PATHS.key, { keyId })),
  /** A new secret for the key; the old one keeps working for `graceSeconds` (0: it stops at once). */
  rotate: (keyId: string, graceSeconds: number) =>
    http.post<CreatedApiKey>(fillPath(PATHS.keyRotate, { keyId }), { graceSeconds }),
};
