// Dataset permissions as ordinals in SQL, so "the highest of a user's group grants" is one MAX in a query.
import { DATASET_PERMISSIONS, type DatasetPermission } from '@teamset/contract';
import { sql, type RawBuilder } from 'kysely';

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
