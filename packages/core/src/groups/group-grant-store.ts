// Dataset grants to user groups: read, set and remove one, list a dataset's or a group's, and their permissions as SQL ranks; only this file issues SQL on them.
import {
  DATASET_PERMISSIONS,
  type DatasetGroupPermission,
  type DatasetPermission,
  type GroupDatasetPermission,
} from '@teamset/contract';
import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database } from '../db/database.js';
import type { DatabaseSchema, Db } from '../db/schema.js';

/**
 * `case <column> when 'VIEW' then 1 … end`: the permission's rank (NO_ACCESS = 0 … MANAGE = 4). Permissions
 * are stored as names, which do not sort in rank order, so MAX needs this mapping.
 */
export function permissionRankSql(column: string): RawBuilder<number> {
  const branches = DATASET_PERMISSIONS.map(
    (permission, rank) => sql`when ${sql.lit(permission)} then ${sql.lit(rank)}`,
  );
  return sql<number>`(case ${sql.ref(column)} ${sql.join(branches, sql` `)} else 0 end)`;
}

/** The permission of a rank read back from SQL (pg may return numbers as strings); undefined for no rank (no grant). */
export function permissionOfRank(rank: number | string | null | undefined): DatasetPermission | undefined {
  if (rank === null || rank === undefined) return undefined;
  return DATASET_PERMISSIONS[Number(rank)] ?? undefined;
}

export class GroupGrantStore {
  constructor(private readonly database: Database) {}

  private get db(): Kysely<DatabaseSchema> {
    return this.database.db;
  }

  async find(datasetId: string, groupId: string, trx: Db = this.db): Promise<DatasetPermission | undefined> {
    const row = await trx
      .selectFrom('dataset_group_permissions')
      .select('permission')
      .where('dataset_id', '=', datasetId)
      .where('group_id', '=', groupId)
      .executeTakeFirst();
    return row?.permission as DatasetPermission | undefined;
  }

  async upsert(trx: Db, datasetId: string, groupId: string, permission: DatasetPermission, at: string): Promise<void> {
    await trx
      .insertInto('dataset_group_permissions')
      .values({ dataset_id: datasetId, group_id: groupId, permission, created_at: at, updated_at: at })
      .onConflict((oc) => oc.columns(['dataset_id', 'group_id']).doUpdateSet({ permission, updated_at: at }))
      .execute();
  }

  async delete(trx: Db, datasetId: string, groupId: string): Promise<boolean> {
    const result = await trx
      .deleteFrom('dataset_group_permissions')
      .where('dataset_id', '=', datasetId)
      .where('group_id', '=', groupId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** The groups granted something on the dataset, by name. */
  async listForDataset(datasetId: string, query: { limit?: number } = {}): Promise<DatasetGroupPermission[]> {
    let q = this.db
      .selectFrom('dataset_group_permissions as p')
      .innerJoin('user_groups as g', 'g.id', 'p.group_id')
      .select(['g.id', 'g.name', 'g.description', 'p.permission'])
      .where('p.dataset_id', '=', datasetId)
      .orderBy(sql`lower(g.name)`)
      .orderBy('g.id');
    if (query.limit !== undefined) q = q.limit(query.limit);
    const rows = await q.execute();
    return rows.map((r) => ({
      group: { id: r.id, name: r.name, description: r.description },
      permission: r.permission as DatasetPermission,
    }));
  }

  /** The datasets that grant the group something, by name. */
  async listForGroup(groupId: string): Promise<GroupDatasetPermission[]> {
    const rows = await this.db
      .selectFrom('dataset_group_permissions as p')
      .innerJoin('datasets as d', 'd.id', 'p.dataset_id')
      .select(['d.id', 'd.name', 'p.permission'])
      .where('p.group_id', '=', groupId)
      .orderBy('d.name')
      .execute();
    return rows.map((r) => ({ datasetId: r.id, datasetName: r.name, permission: r.permission as DatasetPermission }));
  }
}
