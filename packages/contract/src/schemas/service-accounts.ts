// Service-account shapes: non-person users admins create for jobs (docs/design.md §3).
import { Type, type Static } from 'typebox';
import { SERVICE_ACCOUNT_NAME_PATTERN, SERVICE_ACCOUNT_ROLES } from '../constants/service-accounts.js';
import { Email, Id, NullableTimestamp, Timestamp } from './common.js';

export const ServiceAccountName = Type.String({
  minLength: 1,
  maxLength: 64,
  pattern: SERVICE_ACCOUNT_NAME_PATTERN,
  description: 'Lower-case letters, digits, ".", "_" and "-" (e.g. nightly-import)',
});

export const ServiceAccountRoleSchema = Type.Enum(SERVICE_ACCOUNT_ROLES, {
  description: 'MEMBER, COLLABORATOR or GUEST: a service account is never an admin',
});

export const ServiceAccount = Type.Object(
  {
    id: Id,
    name: ServiceAccountName,
    email: Email,
    role: ServiceAccountRoleSchema,
    createdAt: Timestamp,
    disabledAt: NullableTimestamp,
    keyCount: Type.Integer({ description: 'Keys it holds, revoked ones included' }),
  },
  { title: 'ServiceAccount', additionalProperties: false },
);
export type ServiceAccount = Static<typeof ServiceAccount>;

export const CreateServiceAccountBody = Type.Object(
  { name: ServiceAccountName, role: ServiceAccountRoleSchema },
  { additionalProperties: false },
);
export type CreateServiceAccountBody = Static<typeof CreateServiceAccountBody>;

export const ServiceAccountList = Type.Object({ serviceAccounts: Type.Array(ServiceAccount) });
export type ServiceAccountList = Static<typeof ServiceAccountList>;

export const ServiceAccountParams = Type.Object(
  { account: Type.String({ minLength: 1, maxLength: 254, description: 'Service account name, id or email' }) },
  { additionalProperties: false },
);
export type ServiceAccountParams = Static<typeof ServiceAccountParams>;
