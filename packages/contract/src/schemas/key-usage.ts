// A key's usage as its lists show it: last client, and request counts per day over the last 30 days.
import { Type, type Static } from 'typebox';
import { NullableString } from './common.js';

export const ApiKeyUsageDay = Type.Object(
  {
    day: Type.String({ description: 'UTC day, YYYY-MM-DD' }),
    requests: Type.Integer({ minimum: 0 }),
  },
  { additionalProperties: false },
);
export type ApiKeyUsageDay = Static<typeof ApiKeyUsageDay>;

export const ApiKeyUsage = Type.Object(
  {
    lastUsedIp: NullableString(Type.String({ description: 'Client address of the last recorded use' })),
    lastUsedUserAgent: NullableString(Type.String({ description: 'User-Agent of the last recorded use' })),
    requestsLast30Days: Type.Integer({ minimum: 0 }),
    daily: Type.Array(ApiKeyUsageDay, { description: 'Days with requests, oldest first (at most 30)' }),
  },
  { title: 'ApiKeyUsage', additionalProperties: false },
);
export type ApiKeyUsage = Static<typeof ApiKeyUsage>;
