// API key shapes: listing never carries a secret; creation returns the key string once.
import { Type, type Static } from 'typebox';
import {
  KEY_NAME_MAX_LENGTH,
  LEAKED_KEY_MAX_LENGTH,
  MAX_KEY_GRACE_SECONDS,
  MAX_KEY_LIFETIME_SECONDS,
  MAX_LEAKED_KEYS_PER_REPORT,
} from '../constants/limits.js';
import { Id, NullableString, NullableTimestamp, Timestamp, UserRef } from './common.js';
import { ApiKeyUsage } from './key-usage.js';

export const PreviousApiKeySecret = Type.Object(
  {
    prefix: Type.String({ description: 'Display prefix of the rotated-out secret' }),
    rotatedAt: Timestamp,
    graceEndsAt: Timestamp,
  },
  { title: 'PreviousApiKeySecret', additionalProperties: false },
);
export type PreviousApiKeySecret = Static<typeof PreviousApiKeySecret>;

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
    revokedAt: NullableTimestamp,
    revokedReason: NullableString(Type.String({ description: 'Why the key is refused, e.g. "reported as leaked"' })),
    previousSecrets: Type.Array(PreviousApiKeySecret, {
      description: 'Secrets replaced by a rotation that still work until their grace ends',
    }),
    usage: ApiKeyUsage,
    expiringSoon: Type.Boolean({ description: 'Unrevoked and expiring within 7 days' }),
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

export const RotateApiKeyBody = Type.Object(
  {
    graceSeconds: Type.Optional(
      Type.Integer({
        minimum: 0,
        maximum: MAX_KEY_GRACE_SECONDS,
        description: 'How long the old secret keeps working (default 24 h; 0: it stops at once)',
      }),
    ),
  },
  { additionalProperties: false },
);
export type RotateApiKeyBody = Static<typeof RotateApiKeyBody>;

export const RevokeLeakedKeysBody = Type.Object(
  {
    keys: Type.Array(Type.String({ maxLength: LEAKED_KEY_MAX_LENGTH }), {
      minItems: 1,
      maxItems: MAX_LEAKED_KEYS_PER_REPORT,
    }),
  },
  { additionalProperties: false },
);
export type RevokeLeakedKeysBody = Static<typeof RevokeLeakedKeysBody>;

export const LeakReportReceipt = Type.Object(
  { received: Type.Integer({ description: 'How many key strings the report carried; never which were keys' }) },
  { additionalProperties: false },
);
export type LeakReportReceipt = Static<typeof LeakReportReceipt>;

export const TimestampString = Timestamp;
