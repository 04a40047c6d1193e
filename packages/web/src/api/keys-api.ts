// API keys: yours, or (as an admin) another user's when `user` is given.
import type { ApiKey, ApiKeyList, CreateApiKeyBody, CreatedApiKey } from '@teamset/contract';
import { fillPath, PATHS } from '@teamset/contract/constants';
import { http } from './http';

export const keysApi = {
  list: async (user?: string): Promise<ApiKey[]> => (await http.get<ApiKeyList>(PATHS.keys, { user })).keys,
  generate: (body: CreateApiKeyBody) => http.post<CreatedApiKey>(PATHS.keys, body),
  delete: (keyId: string) => http.delete(fillPath(PATHS.key, { keyId })),
};
