// Organization settings (docs/design.md §2) and the audit log.
import { Type, type Static } from 'typebox';
import { DatasetPermissionSchema, RoleSchema } from '../identity/roles.js';
import { Id, NullableString, Timestamp } from './common.js';

export const OrganizationSettings = Type.Object(
  { defaultUserRole: RoleSchema, defaultDatasetPermission: DatasetPermissionSchema },
  { title: 'OrganizationSettings', additionalProperties: false },
);
export type OrganizationSettings = Static<typeof OrganizationSettings>;

export const UpdateOrganizationSettingsBody = Type.Object(
  { defaultUserRole: Type.Optional(RoleSchema), defaultDatasetPermission: Type.Optional(DatasetPermissionSchema) },
  { additionalProperties: false, minProperties: 1 },
);
export type UpdateOrganizationSettingsBody = Static<typeof UpdateOrganizationSettingsBody>;

export const AUDIT_ACTIONS = [
  'auth.sign_in',
  'auth.sign_in_failed',
  'auth.sign_out',
  'auth.setup',
  'auth.password_change',
  /** Failed authentication spent a budget (details.scope: address, key_prefix, account_address, account). */
  'auth.lockout',
  'key.create',
  'key.delete',
  'key.rotate',
  'key.leak_revoked',
  'key.admin_revoked',
  'user.create',
  'user.role_change',
  'user.update',
  'user.delete',
  'service_account.create',
  'service_account.disable',
  'service_account.enable',
  'service_account.delete',
  'invitation.create',
  'invitation.revoke',
  'invitation.accept',
  'organization.update',
  'dataset.create',
  'dataset.rename',
  'dataset.delete',
  'dataset.permission_set',
  'dataset.permission_remove',
  'dataset.default_permission_set',
  'dataset.group_permission_set',
  'dataset.group_permission_remove',
  'group.create',
  'group.update',
  'group.members_change',
  'group.delete',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AuditEvent = Type.Object({
  id: Type.Integer(),
  at: Timestamp,
  action: Type.Enum(AUDIT_ACTIONS),
  actorId: NullableString(Id),
  targetType: NullableString(Type.String()),
  targetId: NullableString(Type.String()),
  ip: NullableString(Type.String()),
  details: Type.Record(Type.String(), Type.Unknown()),
});
export type AuditEvent = Static<typeof AuditEvent>;

export const ListAuditQuery = Type.Object(
  {
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    before: Type.Optional(Type.Integer({ minimum: 1, description: 'Return events with id below this (paging)' })),
    action: Type.Optional(Type.String({ maxLength: 64 })),
  },
  { additionalProperties: false },
);
export type ListAuditQuery = Static<typeof ListAuditQuery>;

export const AuditEventList = Type.Object({ events: Type.Array(AuditEvent) });
export type AuditEventList = Static<typeof AuditEventList>;
