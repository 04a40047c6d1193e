// API key shapes: listing never carries a secret; creation returns the key string once.
import { Type, type Static } from 'typebox';
import {
  DATASET_NAME_MAX_LENGTH,
  KEY_NAME_MAX_LENGTH,
  LEAKED_KEY_MAX_LENGTH,
  MAX_KEY_GRACE_SECONDS,
  MAX_KEY_LIFETIME_SECONDS,
  MAX_KEY_SCOPE_DATASETS,
  MAX_LEAKED_KEYS_PER_REPORT,
} from '../constants/limits.js';
import { KEY_SCOPE_PERMISSIONS } from '../constants/roles.js';
import { Id, NullableString, NullableTimestamp, Timestamp, UserRef } from './common.js';

export const PreviousApiKeySecret = Type.Object(
  {
    prefix: Type.String({ description: 'Display prefix of the rotated-out secret' }),
    rotatedAt: Timestamp,
    graceEndsAt: Timestamp,
  },
  { title: 'PreviousApiKeySecret', additionalProperties: false },
);
export type PreviousApiKeySecret = Static<typeof PreviousApiKeySecret>;

const KeyScopePermissionSchema = Type.Enum(KEY_SCOPE_PERMISSIONS, {
  description: 'The highest dataset permission the key carries, whatever its user holds (VIEW < TAG < EDIT)',
});

export const ApiKeyScopeDataset = Type.Object(
  { id: Id, name: Type.String() },
  { title: 'ApiKeyScopeDataset', additionalProperties: false },
);
export type ApiKeyScopeDataset = Static<typeof ApiKeyScopeDataset>;

/**
 * What a key may do beyond being its user's: every field null/false is an unscoped key, exactly as its user.
 * A request's permission on a dataset is the lower of its user's and `maxPermission`; datasets not listed are
 * invisible to it (404); `readOnlyManagement` refuses every change to keys, users, groups, permissions,
 * invitations and organization settings.
 */
export const ApiKeyScope = Type.Object(
  {
    maxPermission: Type.Union([KeyScopePermissionSchema, Type.Null()]),
    datasets: Type.Union([Type.Array(ApiKeyScopeDataset), Type.Null()], {
      description: 'The only datasets the key reaches (kept by id through renames); null: all its user reaches',
    }),
    readOnlyManagement: Type.Boolean(),
  },
  { title: 'ApiKeyScope', additionalProperties: false },
);
export type ApiKeyScope = Static<typeof ApiKeyScope>;

/** The scope of a key made as before scopes existed: its user's full power. */
export const UNSCOPED_KEY: ApiKeyScope = { maxPermission: null, datasets: null, readOnlyManagement: false };

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
    scope: ApiKeyScope,
  },
  { title: 'ApiKey', additionalProperties: false },
);
export type ApiKey = Static<typeof ApiKey>;

export const CreateApiKeyBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: KEY_NAME_MAX_LENGTH, description: 'Nickname, 1–100 characters' }),
    user: Type.Optional(UserRef),
    expiresInSeconds: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_KEY_LIFETIME_SECONDS })),
    maxPermission: Type.Optional(KeyScopePermissionSchema),
    datasets: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: DATASET_NAME_MAX_LENGTH }), {
        minItems: 1,
        maxItems: MAX_KEY_SCOPE_DATASETS,
        description: 'Names of the only datasets the key may reach (each must be visible to the key’s owner)',
      }),
    ),
    readOnlyManagement: Type.Optional(
      Type.Boolean({ description: 'The key may read but not change keys, users, groups, permissions or settings' }),
    ),
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
