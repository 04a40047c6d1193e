// The role and dataset-permission schemas; the sets and the rules that compare them are in constants/roles.ts.
import { Type } from 'typebox';
import { DATASET_PERMISSIONS, ROLES } from '../constants/roles.js';

export const RoleSchema = Type.Enum(ROLES, { description: 'ADMIN > MEMBER > COLLABORATOR > GUEST' });
export const DatasetPermissionSchema = Type.Enum(DATASET_PERMISSIONS, {
  description: 'NO_ACCESS < VIEW < TAG < EDIT < MANAGE',
});
