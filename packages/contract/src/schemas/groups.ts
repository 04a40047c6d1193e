// User groups (docs/design.md §2): admin-managed sets of users that datasets can grant a permission to, and their wire shapes.
import { Type, type Static } from 'typebox';
import {
  GROUP_DESCRIPTION_MAX_LENGTH,
  GROUP_MAX_USERS_PER_CHANGE,
  GROUP_NAME_MAX_LENGTH,
} from '../constants/limits.js';
import { DatasetPermissionSchema, RoleSchema } from '../identity/roles.js';
import { Email, Id, NullableString, PersonName, Timestamp, UserRef } from './common.js';

export const GroupName = Type.String({
  minLength: 1,
  maxLength: GROUP_NAME_MAX_LENGTH,
  description: 'Group name (unique, case-insensitively)',
});
export const GroupDescription = NullableString(Type.String({ maxLength: GROUP_DESCRIPTION_MAX_LENGTH }));
/** A group in a path: its id, or its name. */
export const GroupRef = Type.String({
  minLength: 1,
  maxLength: GROUP_NAME_MAX_LENGTH,
  description: 'Group id or name',
});
const UserRefList = Type.Array(UserRef, { maxItems: GROUP_MAX_USERS_PER_CHANGE, description: 'User ids or emails' });

/** A member as a group lists them (the same fields as a dataset's PermissionUser; defined here to keep the modules acyclic). */
export const GroupMember = Type.Object(
  { id: Id, email: Email, name: PersonName, role: RoleSchema },
  { title: 'GroupMember', additionalProperties: false },
);
export type GroupMember = Static<typeof GroupMember>;

export const UserGroupSummary = Type.Object(
  { id: Id, name: Type.String(), description: NullableString(Type.String()) },
  { title: 'UserGroupSummary', additionalProperties: false },
);
export type UserGroupSummary = Static<typeof UserGroupSummary>;

export const UserGroup = Type.Object(
  {
    id: Id,
    name: Type.String(),
    description: NullableString(Type.String()),
    createdAt: Timestamp,
    updatedAt: Timestamp,
    users: Type.Array(GroupMember),
  },
  { title: 'UserGroup', additionalProperties: false },
);
export type UserGroup = Static<typeof UserGroup>;

export const UserGroupList = Type.Object({ groups: Type.Array(UserGroup) });
export type UserGroupList = Static<typeof UserGroupList>;

export const CreateUserGroupBody = Type.Object(
  { name: GroupName, description: Type.Optional(GroupDescription), users: Type.Optional(UserRefList) },
  { additionalProperties: false },
);
export type CreateUserGroupBody = Static<typeof CreateUserGroupBody>;

/** `users` replaces the membership; omitted fields stay as they are. */
export const UpdateUserGroupBody = Type.Object(
  { name: Type.Optional(GroupName), description: Type.Optional(GroupDescription), users: Type.Optional(UserRefList) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateUserGroupBody = Static<typeof UpdateUserGroupBody>;

export const UserGroupUsersBody = Type.Object(
  { users: Type.Array(UserRef, { minItems: 1, maxItems: GROUP_MAX_USERS_PER_CHANGE }) },
  { additionalProperties: false },
);
export type UserGroupUsersBody = Static<typeof UserGroupUsersBody>;

export const UserGroupParams = Type.Object({ group: GroupRef }, { additionalProperties: false });
export type UserGroupParams = Static<typeof UserGroupParams>;

/** A group's explicit grant on a dataset. */
export const DatasetGroupPermission = Type.Object(
  { group: UserGroupSummary, permission: DatasetPermissionSchema },
  { title: 'DatasetGroupPermission', additionalProperties: false },
);
export type DatasetGroupPermission = Static<typeof DatasetGroupPermission>;

export const SetDatasetGroupPermissionBody = Type.Object(
  { permission: DatasetPermissionSchema },
  { additionalProperties: false },
);
export type SetDatasetGroupPermissionBody = Static<typeof SetDatasetGroupPermissionBody>;

export const GroupDatasetPermission = Type.Object(
  { datasetId: Id, datasetName: Type.String(), permission: DatasetPermissionSchema },
  { title: 'GroupDatasetPermission', additionalProperties: false },
);
export type GroupDatasetPermission = Static<typeof GroupDatasetPermission>;

/** Every dataset that grants the group a permission. */
export const GroupDatasetPermissionList = Type.Object({
  group: UserGroupSummary,
  datasets: Type.Array(GroupDatasetPermission),
});
export type GroupDatasetPermissionList = Static<typeof GroupDatasetPermissionList>;
