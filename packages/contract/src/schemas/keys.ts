// API key shapes: listing never carries a secret; creation returns the key string once.
import { Type, type Static } from 'typebox';
import { KEY_NAME_MAX_LENGTH, MAX_KEY_LIFETIME_SECONDS } from '../constants/limits.js';
import { Id, NullableString, NullableTimestamp, Timestamp, UserRef } from './common.js';

export const ApiKey = Type.Object(
  {
    id: Id,
    name: Type.String(),
    prefix: Type.String({ description: 'First 8 characters after tsk_, to tell keys apart' }),
    userId: Id,
    createdAt: Timestamp,
    createdBy: NullableString(Id),
    lastUsedAt: NullableTimestamp,
    expiresAt: NullableTimestamp,
  },
  { title: 'ApiKey', additionalProperties: false },
);
export type ApiKey = Static<typeof ApiKey>;

export const CreateApiKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: KEY_NAME_MAX_LENGTH, description: 'Nickname, 1–100 characters' }),
    user: Type.Optional(UserRef),
    expiresInSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_KEY_LIFETIME_SECONDS })),
  },
  { additionalProperties: false },
);
export type CreateApiKeyBody = Static<typeof CreateApiKeyBody>;

export const CreatedApiKey = Type.Object({
  key: Type.String({ description: 'The plaintext key. Shown once; store it now.' }),
  apiKey: ApiKey,
});
export type CreatedApiKey = Static<typeof CreatedApiKey>;

export const ListApiKeysQuery = Type.Object({ user: Type.Optional(UserRef) }, { additionalProperties: false });
export type ListApiKeysQuery = Static<typeof ListApiKeysQuery>;

export const ApiKeyList = Type.Object({ keys: Type.Array(ApiKey) });
export type ApiKeyList = Static<typeof ApiKeyList>;

export const KeyIdParams = Type.Object({ keyId: Id }, { additionalProperties: false });
export type KeyIdParams = Static<typeof KeyIdParams>;

export const TimestampString = Timestamp;
