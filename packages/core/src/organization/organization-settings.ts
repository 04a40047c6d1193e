// Organization settings (docs/design.md §2): default role for new users, default permission for new datasets.
import {
  isDatasetPermission,
  isRole,
  type DatasetPermission,
  type OrganizationSettings,
  type Role,
  type UpdateOrganizationSettingsBody,
} from '@teamset/contract';
import type { Actor } from '../actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { nowIso } from '../db/database.js';
import type { Db } from '../db/schema.js';
import { badRequest } from '../errors/app-error.js';
import { requireAdmin, requireAdminChange } from '../users/user-rules.js';
import { OrganizationStore } from './organization-store.js';

/** Least privilege until an admin says otherwise. */
export const DEFAULT_ORGANIZATION_SETTINGS: OrganizationSettings = {
  defaultUserRole: 'GUEST',
  defaultDatasetPermission: 'NO_ACCESS',
};

export class OrganizationService {
  private readonly store: OrganizationStore;

  constructor(
    private readonly database: Database,
    private readonly audit: AuditLog,
  ) {
    this.store = new OrganizationStore(database);
  }

  /** Settings for internal use (no actor check): user creation needs the default role. */
  async current(trx: Db = this.database.db): Promise<OrganizationSettings> {
    const row = await this.store.readSettings(trx);
    if (!row) return { ...DEFAULT_ORGANIZATION_SETTINGS };
    return {
      defaultUserRole: row.default_user_role as Role,
      defaultDatasetPermission: row.default_dataset_permission as DatasetPermission,
    };
  }

  async get(actor: Actor): Promise<OrganizationSettings> {
    requireAdmin(actor, 'read organization settings');
    return this.current();
  }

  async update(actor: Actor, patch: UpdateOrganizationSettingsBody): Promise<OrganizationSettings> {
    requireAdminChange(actor, 'change organization settings');
    // Validated here like every other role input (setRole, user creation): callers without the HTTP schema
    // (CLI on the database) could otherwise store a role the users table's CHECK rejects, breaking every
    // later role-less user creation and invitation.
    if (patch.defaultUserRole !== undefined && !isRole(patch.defaultUserRole)) {
      throw badRequest('defaultUserRole must be one of ADMIN, MEMBER, COLLABORATOR, GUEST', {
        field: 'defaultUserRole',
      });
    }
    if (patch.defaultDatasetPermission !== undefined && !isDatasetPermission(patch.defaultDatasetPermission)) {
      throw badRequest('defaultDatasetPermission must be one of NO_ACCESS, VIEW, TAG, EDIT, MANAGE', {
        field: 'defaultDatasetPermission',
      });
    }
    return this.database.db.transaction().execute(async (trx) => {
      const before = await this.current(trx);
      // Only fields actually given: spreading `{ defaultUserRole: undefined }` made the insert omit a NOT NULL column (500).
      const next: OrganizationSettings = {
        defaultUserRole: patch.defaultUserRole ?? before.defaultUserRole,
        defaultDatasetPermission: patch.defaultDatasetPermission ?? before.defaultDatasetPermission,
      };
      const columns = {
        default_user_role: next.defaultUserRole,
        default_dataset_permission: next.defaultDatasetPermission,
        updated_at: nowIso(),
      };
      await this.store.saveSettings(trx, columns, columns);
      await this.audit.record(
        { action: 'organization.update', actor, targetType: 'organization', details: { before, after: next } },
        trx,
      );
      return next;
    });
  }
}
