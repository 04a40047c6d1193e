// Dataset grants that wait on an invitation (setDatasetUserPermission with invite) and are applied when it is accepted.
import { ROLE_PERMISSION_CAP, permissionAtLeast, type DatasetPermission, type Role } from '@teamset/contract';
import type { Db } from '../db/schema.js';

export class InvitationGrantStore {
  /** Attaches (or replaces) the grant of one dataset to a pending invitation. */
  async attach(trx: Db, invitationId: string, datasetId: string, permission: DatasetPermission): Promise<void> {
    await trx
      .insertInto('invitation_dataset_grants')
      .values({ invitation_id: invitationId, dataset_id: datasetId, permission })
      .onConflict((oc) => oc.columns(['invitation_id', 'dataset_id']).doUpdateSet({ permission }))
      .execute();
  }

  /** Moves waiting grants from replaced invitations to their replacement (one pending invitation per email). */
  async moveTo(trx: Db, fromInvitationIds: string[], toInvitationId: string): Promise<void> {
    await trx
      .updateTable('invitation_dataset_grants')
      .set({ invitation_id: toInvitationId })
      .where('invitation_id', 'in', fromInvitationIds)
      .execute();
  }

  /**
   * Turns the invitation's waiting grants into the new user's grants. Each is capped by the role the user
   * joined with: the cap was checked when the grant was attached, but an admin may have re-invited since.
   */
  async apply(trx: Db, invitationId: string, userId: string, role: Role, at: string): Promise<number> {
    const rows = await trx
      .selectFrom('invitation_dataset_grants')
      .select(['dataset_id', 'permission'])
      .where('invitation_id', '=', invitationId)
      .execute();
    const cap = ROLE_PERMISSION_CAP[role];
    for (const row of rows) {
      const wanted = row.permission as DatasetPermission;
      const permission = permissionAtLeast(cap, wanted) ? wanted : cap;
      await trx
        .insertInto('dataset_user_permissions')
        .values({ dataset_id: row.dataset_id, user_id: userId, permission, created_at: at, updated_at: at })
        .onConflict((oc) => oc.columns(['dataset_id', 'user_id']).doUpdateSet({ permission, updated_at: at }))
        .execute();
    }
    return rows.length;
  }
}
