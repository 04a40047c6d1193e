// The organization's key inventory (admins): every key with its owner, filters, and bulk revocation.
import { Type, type Static } from 'typebox';
import { KEY_INVENTORY_STATES, MAX_KEYS_PER_BULK_REVOKE } from '../constants/service-accounts.js';
import { RoleSchema } from '../identity/roles.js';
import { ApiKey } from './keys.js';
import { Email, Id, NullableTimestamp, PageQuery, PersonName, UserRef } from './common.js';
import { UserKindSchema } from './users.js';

export const KeyInventoryQuery = Type.Object(
  {
    ...PageQuery,
    owner: Type.Optional(UserRef),
    ownerKind: Type.Optional(UserKindSchema),
    state: Type.Optional(
      Type.Enum(KEY_INVENTORY_STATES, {
        description:
          'expired; unused (no use for 90 days, or never and created over 90 days ago); expiring within 7 days',
      }),
    ),
  },
  { additionalProperties: false },
);
export type KeyInventoryQuery = Static<typeof KeyInventoryQuery>;

export const KeyOwner = Type.Object(
  { id: Id, email: Email, name: PersonName, role: RoleSchema, kind: UserKindSchema, disabledAt: NullableTimestamp },
  { title: 'KeyOwner', additionalProperties: false },
);
export type KeyOwner = Static<typeof KeyOwner>;

export const KeyInventoryItem = Type.Object({ key: ApiKey, owner: KeyOwner }, { additionalProperties: false });
export type KeyInventoryItem = Static<typeof KeyInventoryItem>;

export const KeyInventoryPage = Type.Object({
  items: Type.Array(KeyInventoryItem),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type KeyInventoryPage = Static<typeof KeyInventoryPage>;

export const BulkRevokeKeysBody = Type.Object(
  { keyIds: Type.Array(Id, { minItems: 1, maxItems: MAX_KEYS_PER_BULK_REVOKE }) },
  { additionalProperties: false },
);
export type BulkRevokeKeysBody = Static<typeof BulkRevokeKeysBody>;

export const BulkRevokeResult = Type.Object(
  {
    revoked: Type.Array(Id, { description: 'Keys revoked by this call; unknown or already revoked ids are left out' }),
  },
  { additionalProperties: false },
);
export type BulkRevokeResult = Static<typeof BulkRevokeResult>;
