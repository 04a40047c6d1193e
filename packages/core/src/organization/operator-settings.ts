// FiftyOne's operator defaults (organization settings): stored and returned so a script's set/get round-trips; Teamset runs no operators.
import { isDatasetPermission, isRole, type DatasetPermission, type Role } from '@teamset/contract';
import type { Actor } from '../actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { nowIso } from '../db/database.js';
import type { Db } from '../db/schema.js';
import { badRequest } from '../errors/app-error.js';
import { requireAdmin, requireAdminChange } from '../users/user-rules.js';
import type { OrganizationService } from './organization-settings.js';
import { OrganizationStore } from './organization-store.js';

export interface OperatorSettings {
  defaultOperatorMinimumRole: Role;
  defaultOperatorMinimumDatasetPermission: DatasetPermission;
}

/** FiftyOne Teams' defaults, and the column defaults of migration 0004. */
export const DEFAULT_OPERATOR_SETTINGS: OperatorSettings = {
  defaultOperatorMinimumRole: 'MEMBER',
  defaultOperatorMinimumDatasetPermission: 'EDIT',
};

export class OperatorSettingsService {
  private readonly store: OrganizationStore;

  constructor(
    private readonly database: Database,
    private readonly organization: OrganizationService,
    private readonly audit: AuditLog,
  ) {
    this.store = new OrganizationStore(database);
  }

  async current(trx: Db = this.database.db): Promise<OperatorSettings> {
    const row = await this.store.readSettings(trx);
    if (!row) return { ...DEFAULT_OPERATOR_SETTINGS };
    return {
      defaultOperatorMinimumRole: row.default_operator_minimum_role as Role,
      defaultOperatorMinimumDatasetPermission: row.default_operator_minimum_dataset_permission as DatasetPermission,
    };
  }

  async get(actor: Actor): Promise<OperatorSettings> {
    requireAdmin(actor, 'read organization settings');
    return this.current();
  }

  /** Changes only the fields given. */
  async update(actor: Actor, patch: Partial<OperatorSettings>): Promise<OperatorSettings> {
    requireAdminChange(actor, 'change organization settings');
    if (patch.defaultOperatorMinimumRole !== undefined && !isRole(patch.defaultOperatorMinimumRole)) {
      throw badRequest('defaultOperatorMinimumRole must be one of ADMIN, MEMBER, COLLABORATOR, GUEST', {
        field: 'defaultOperatorMinimumRole',
      });
    }
    if (
      patch.defaultOperatorMinimumDatasetPermission !== undefined &&
      !isDatasetPermission(patch.defaultOperatorMinimumDatasetPermission)
    ) {
      throw badRequest('defaultOperatorMinimumDatasetPermission must be one of NO_ACCESS, VIEW, TAG, EDIT, MANAGE', {
        field: 'defaultOperatorMinimumDatasetPermission',
      });
    }
    return this.database.db.transaction().execute(async (trx) => {
      const before = await this.current(trx);
      const next: OperatorSettings = {
        defaultOperatorMinimumRole: patch.defaultOperatorMinimumRole ?? before.defaultOperatorMinimumRole,
        defaultOperatorMinimumDatasetPermission:
          patch.defaultOperatorMinimumDatasetPermission ?? before.defaultOperatorMinimumDatasetPermission,
      };
      const at = nowIso();
      const columns = {
        default_operator_minimum_role: next.defaultOperatorMinimumRole,
        default_operator_minimum_dataset_permission: next.defaultOperatorMinimumDatasetPermission,
        updated_at: at,
      };
      // The settings row may not exist yet (nothing was ever changed): create it with the other settings' current values.
      const { defaultUserRole, defaultDatasetPermission } = await this.organization.current(trx);
      await this.store.saveSettings(
        trx,
        { default_user_role: defaultUserRole, default_dataset_permission: defaultDatasetPermission, ...columns },
        columns,
      );
      await this.audit.record(
        { action: 'organization.update', actor, targetType: 'organization', details: { before, after: next } },
        trx,
      );
      return next;
    });
  }
}
