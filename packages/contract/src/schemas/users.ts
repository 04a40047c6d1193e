// User shapes: what a user looks like on the wire, listing, role changes.
import { Type, type Static } from 'typebox';
import { RoleSchema } from '../identity/roles.js';
import { Email, Id, NullableString, PageQuery, PersonName, Timestamp, UserRef } from './common.js';
import { ApiKeyScope } from './keys.js';

export const User = Type.Object(
  { id: Id, email: Email, name: PersonName, role: RoleSchema, createdAt: Timestamp },
  { title: 'User', additionalProperties: false },
);
export type User = Static<typeof User>;

export const ListUsersQuery = Type.Object(
  { ...PageQuery, search: Type.Optional(Type.String({ maxLength: 254, description: 'Substring of email or name' })) },
  { additionalProperties: false },
);
export type ListUsersQuery = Static<typeof ListUsersQuery>;

export const UserPage = Type.Object({
  users: Type.Array(User),
  total: Type.Integer(),
  page: Type.Integer(),
  pageSize: Type.Integer(),
});
export type UserPage = Static<typeof UserPage>;

export const UserRefParams = Type.Object({ user: UserRef }, { additionalProperties: false });
export type UserRefParams = Static<typeof UserRefParams>;

export const SetRoleBody = Type.Object({ role: RoleSchema }, { additionalProperties: false });
export type SetRoleBody = Static<typeof SetRoleBody>;

export const WhoAmI = Type.Object({
  user: User,
  authMethod: Type.Union([Type.Literal('api_key'), Type.Literal('session')]),
  apiKeyId: NullableString(Id),
  apiKeyScope: Type.Union([ApiKeyScope, Type.Null()], { description: 'The key’s scope; null for a session' }),
});
export type WhoAmI = Static<typeof WhoAmI>;
