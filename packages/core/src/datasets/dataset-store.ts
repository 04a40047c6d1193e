// Dataset rows and per-user grants (plus the group grants a user reaches them by): lookups, visibility-filtered listing, updates.
import {
  LABEL_CLASSES,
  type DatasetLabelField,
  type DatasetPermission,
  type DatasetSortKey,
  type MediaType,
  type PermissionUser,
  type Role,
  type SortOrder,
} from '@teamset/contract';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { toIso } from '../db/database.js';
import type { DatabaseSchema, DatasetsTable, Db } from '../db/schema.js';
import { permissionOfRank, permissionRankSql } from '../groups/group-grant-store.js';

/** A dataset as stored, before the caller's permission is added. */
export interface DatasetRecord {
  id: string;
  name: string;
  slug: string;
  mediaType: MediaType;
  tags: string[];
  description: string | null;
  info: Record<string, unknown>;
  createdAt: string;
  lastModifiedAt: string;
  createdBy: string | null;
  defaultPermission: DatasetPermission;
}

/** A dataset with one user's explicit grant on it and the highest grant to any of their groups (undefined: none). */
export interface DatasetWithGrant {
  record: DatasetRecord;
  userGrant: DatasetPermission | undefined;
  groupGrant: DatasetPermission | undefined;
  /** Only when the listing asked for it. */
  summary?: DatasetSummary;
}

/** What a listing's home card shows of a dataset's samples. */
export interface DatasetSummary {
  sampleCount: number;
  coverSampleId: string | null;
}

interface SummaryRow {
  sample_count: number | string | null;
  cover_sample_id: string | null;
}

function summaryOf(row: SummaryRow): DatasetSummary {
  return { sampleCount: Number(row.sample_count ?? 0), coverSampleId: row.cover_sample_id };
}

/** Whose view a listing takes: everything (admin, system), or one user's by role and grants. */
/** Who lists datasets; `datasetIds` narrows a user to the datasets their API key lists (docs/design.md §3). */
export type DatasetViewer =
  { kind: 'all'; userId: string | null } | { kind: 'user'; userId: string; role: Role; datasetIds?: readonly string[] };

export interface UserAccessRow {
  user: PermissionUser;
  userGrant: DatasetPermission | undefined;
  /** The highest grant on the dataset to any group the user is in. */
  groupGrant: DatasetPermission | undefined;
}

const DATASET_COLUMNS = [
  'd.id',
  'd.name',
  'd.slug',
  'd.media_type',
  'd.tags',
  'd.description',
  'd.info',
  'd.created_at',
  'd.last_modified_at',
  'd.created_by',
  'd.default_permission',
] as const;

type DatasetRow = Pick<
  DatasetsTable,
  | 'id'
  | 'name'
  | 'slug'
  | 'media_type'
  | 'tags'
  | 'description'
  | 'info'
  | 'created_at'
  | 'last_modified_at'
  | 'created_by'
  | 'default_permission'
>;

export function toDatasetRecord(row: DatasetRow): DatasetRecord {
  return {
    id: row.id,
    name: row.name,
    slug: row.slug,
    mediaType: row.media_type as MediaType,
    tags: JSON.parse(row.tags) as string[],
    description: row.description,
    info: JSON.parse(row.info) as Record<string, unknown>,
    createdAt: toIso(row.created_at),
    lastModifiedAt: toIso(row.last_modified_at),
    createdBy: row.created_by,
    defaultPermission: row.default_permission as DatasetPermission,
  };
}

function grantOf(permission: string | null | undefined): DatasetPermission | undefined {
  return permission === null || permission === undefined ? undefined : (permission as DatasetPermission);
}

/** LIKE pattern for a case-insensitive substring search, with the wildcards in the text escaped. */
function containsPattern(text: string): string {
  return `%${text.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

export class DatasetStore {
  constructor(private readonly database: Database) {}

  private get db(): Kysely<DatabaseSchema> {
    return this.database.db;
  }

  async insert(trx: Db, row: DatasetsTable): Promise<DatasetRecord> {
    await trx.insertInto('datasets').values(row).execute();
    return toDatasetRecord(row);
  }

  /**
   * Per dataset, the highest grant to any group the user is in, as a rank: one row per dataset the user
   * reaches through a group. listVisible joins it, so a listing stays one query however many groups.
   */
  private groupRanksOf(trx: Db, userId: string) {
    return trx
      .selectFrom('dataset_group_permissions as gp')
      .innerJoin('user_group_members as gm', 'gm.group_id', 'gp.group_id')
      .where('gm.user_id', '=', userId)
      .groupBy('gp.dataset_id')
      .select((eb) => ['gp.dataset_id', eb.fn.max(permissionRankSql('gp.permission')).as('group_rank')]);
  }

  /**
   * The dataset by exact name, with the user's own grant and best group grant on it fetched by the same query
   * (every dataset operation starts here). The group grant is a correlated MAX over this one dataset's group
   * grants (primary key lookups), not an aggregate over everything the user's groups reach.
   */
  async findByName(name: string, userId: string | null, trx: Db = this.db): Promise<DatasetWithGrant | undefined> {
    const row = await trx
      .selectFrom('datasets as d')
      .leftJoin('dataset_user_permissions as g', (join) =>
        join.onRef('g.dataset_id', '=', 'd.id').on('g.user_id', '=', userId ?? ''),
      )
      .select((eb) => [
        ...DATASET_COLUMNS,
        'g.permission',
        eb
          .selectFrom('dataset_group_permissions as gp')
          .innerJoin('user_group_members as gm', 'gm.group_id', 'gp.group_id')
          .whereRef('gp.dataset_id', '=', 'd.id')
          .where('gm.user_id', '=', userId ?? '')
          .select((sub) => sub.fn.max(permissionRankSql('gp.permission')).as('rank'))
          .as('group_rank'),
      ])
      .where('d.name', '=', name)
      .executeTakeFirst();
    return (
      row && {
        record: toDatasetRecord(row),
        userGrant: grantOf(row.permission),
        groupGrant: permissionOfRank(row.group_rank),
      }
    );
  }

  /** The highest grant on the dataset to any group the user is in (undefined: none). */
  async findGroupGrant(datasetId: string, userId: string, trx: Db = this.db): Promise<DatasetPermission | undefined> {
    const row = await trx
      .selectFrom('dataset_group_permissions as gp')
      .innerJoin('user_group_members as gm', 'gm.group_id', 'gp.group_id')
      .where('gp.dataset_id', '=', datasetId)
      .where('gm.user_id', '=', userId)
      .select((eb) => eb.fn.max(permissionRankSql('gp.permission')).as('rank'))
      .executeTakeFirst();
    return permissionOfRank(row?.rank);
  }

  /** Which of name and slug another dataset already holds (name first: it is the more useful answer). */
  async findClash(
    name: string,
    slug: string,
    exceptId: string | null,
    trx: Db = this.db,
  ): Promise<'name' | 'slug' | undefined> {
    let q = trx
      .selectFrom('datasets')
      .select(['name', 'slug'])
      .where((eb) => eb.or([eb('name', '=', name), eb('slug', '=', slug)]));
    if (exceptId !== null) q = q.where('id', '<>', exceptId);
    const rows = await q.execute();
    if (rows.some((r) => r.name === name)) return 'name';
    return rows.length > 0 ? 'slug' : undefined;
  }

  /**
   * Datasets the viewer can see, by name, with their grant — one query for the page and one for the
   * total, however many datasets. The filter is docs/design.md §2's "effective permission above NO_ACCESS":
   * every role's cap is at least VIEW, so that holds exactly when the implicit permission (all for
   * ADMIN, the default for MEMBER), the user's grant or one of their groups' grants is above NO_ACCESS.
   * `afterName` pages by keyset (names are unique): the next page starts after that name.
   * `summary` adds each dataset's sample count and first sample to the page query (correlated subqueries over
   * the samples' (dataset, seq) index), so a sort by the count is still one query. (A dataset's own
   * last_modified_at moves with every sample write, so it is its last change.)
   */
  async listVisible(
    viewer: DatasetViewer,
    query: {
      search?: string;
      offset?: number;
      limit?: number;
      afterName?: string;
      summary?: boolean;
      sort?: DatasetSortKey;
      order?: SortOrder;
    },
  ): Promise<{ items: DatasetWithGrant[]; total: number }> {
    const userId = viewer.userId ?? '';
    let base = this.db
      .selectFrom('datasets as d')
      .leftJoin('dataset_user_permissions as g', (join) =>
        join.onRef('g.dataset_id', '=', 'd.id').on('g.user_id', '=', userId),
      )
      .leftJoin(this.groupRanksOf(this.db, userId).as('gg'), (join) => join.onRef('gg.dataset_id', '=', 'd.id'));
    if (viewer.kind === 'user' && viewer.role !== 'ADMIN') {
      const member = viewer.role === 'MEMBER';
      base = base.where((eb) =>
        eb.or([
          ...(member ? [eb('d.default_permission', '<>', 'NO_ACCESS')] : []),
          eb('g.permission', '<>', 'NO_ACCESS'),
          eb('gg.group_rank', '>', 0),
        ]),
      );
    }
    if (viewer.kind === 'user' && viewer.datasetIds !== undefined) {
      const ids = viewer.datasetIds;
      base = ids.length === 0 ? base.where(sql<boolean>`1 = 0`) : base.where('d.id', 'in', ids);
    }
    const search = query.search?.trim();
    if (search) base = base.where(sql<boolean>`lower(d.name) like ${containsPattern(search)} escape '\\'`);
    const summary = query.summary === true || query.sort === 'sampleCount';
    let page = base.select([...DATASET_COLUMNS, 'g.permission', 'gg.group_rank']).$if(summary, (q) =>
      q.select((eb) => {
        const samplesOf = () => eb.selectFrom('samples as s').whereRef('s.dataset_id', '=', 'd.id');
        return [
          // The dataset's sample counter (migration 0013): a count of its rows took 0.1 s per 1M samples.
          sql<
            number | string
          >`coalesce((select c.n from dataset_sample_counts as c where c.dataset_id = ${sql.ref('d.id')}), 0)`.as(
            'sample_count',
          ),
          samplesOf().select('s.id').orderBy('s.seq').limit(1).as('cover_sample_id'),
        ];
      }),
    );
    const direction = query.order === 'desc' ? 'desc' : 'asc';
    if (query.sort === 'sampleCount') page = page.orderBy(sql.ref('sample_count'), direction);
    else if (query.sort === 'lastModifiedAt') page = page.orderBy('d.last_modified_at', direction);
    page = page.orderBy('d.name', query.sort === undefined || query.sort === 'name' ? direction : 'asc');
    if (query.afterName !== undefined) page = page.where('d.name', '>', query.afterName);
    if (query.limit !== undefined) page = page.limit(query.limit).offset(query.offset ?? 0);
    const [rows, count] = await Promise.all([
      page.execute(),
      base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return {
      items: rows.map((row) => ({
        record: toDatasetRecord(row),
        userGrant: grantOf(row.permission),
        groupGrant: permissionOfRank(row.group_rank),
        ...(summary ? { summary: summaryOf(row as unknown as SummaryRow) } : {}),
      })),
      total: Number(count.n),
    };
  }

  /**
   * The top-level label fields of the given datasets, by dataset then name: one query for a page of datasets
   * (a field schema entry whose type is a label class and whose path has no dot).
   */
  async labelFieldsOf(datasetIds: readonly string[]): Promise<Map<string, DatasetLabelField[]>> {
    const fields = new Map<string, DatasetLabelField[]>();
    if (datasetIds.length === 0) return fields;
    const rows = await this.db
      .selectFrom('dataset_fields')
      .select(['dataset_id', 'path', 'type'])
      .where('dataset_id', 'in', [...datasetIds])
      .where('type', 'in', [...LABEL_CLASSES])
      .where(sql<boolean>`path not like '%.%'`)
      .orderBy('dataset_id')
      .orderBy('path')
      .execute();
    for (const row of rows) {
      const list = fields.get(row.dataset_id) ?? [];
      list.push({ name: row.path, type: row.type });
      fields.set(row.dataset_id, list);
    }
    return fields;
  }

  async update(
    trx: Db,
    id: string,
    patch: Partial<Omit<DatasetsTable, 'id' | 'created_at' | 'created_by'>>,
  ): Promise<boolean> {
    const result = await trx.updateTable('datasets').set(patch).where('id', '=', id).executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Deletes the dataset; its grants go with it (foreign keys cascade). */
  async delete(trx: Db, id: string): Promise<boolean> {
    const result = await trx.deleteFrom('datasets').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async findGrant(datasetId: string, userId: string, trx: Db = this.db): Promise<DatasetPermission | undefined> {
    const row = await trx
      .selectFrom('dataset_user_permissions')
      .select('permission')
      .where('dataset_id', '=', datasetId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return grantOf(row?.permission);
  }

  async upsertGrant(
    trx: Db,
    datasetId: string,
    userId: string,
    permission: DatasetPermission,
    at: string,
  ): Promise<void> {
    await trx
      .insertInto('dataset_user_permissions')
      .values({ dataset_id: datasetId, user_id: userId, permission, created_at: at, updated_at: at })
      .onConflict((oc) => oc.columns(['dataset_id', 'user_id']).doUpdateSet({ permission, updated_at: at }))
      .execute();
  }

  async deleteGrant(trx: Db, datasetId: string, userId: string): Promise<boolean> {
    const result = await trx
      .deleteFrom('dataset_user_permissions')
      .where('dataset_id', '=', datasetId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /**
   * Users who may have access to the dataset, with their grant and best group grant: every admin, every
   * member when the default is above NO_ACCESS, everyone with an explicit grant and every member of a
   * group with one. One query (the group grants folded per user by a MAX), ordered by email.
   */
  async listAccess(datasetId: string, defaultPermission: DatasetPermission): Promise<UserAccessRow[]> {
    const groupRanks = this.db
      .selectFrom('user_group_members as gm')
      .innerJoin('dataset_group_permissions as gp', 'gp.group_id', 'gm.group_id')
      .where('gp.dataset_id', '=', datasetId)
      .groupBy('gm.user_id')
      .select((eb) => ['gm.user_id', eb.fn.max(permissionRankSql('gp.permission')).as('group_rank')]);
    const rows = await this.db
      .selectFrom('users as u')
      .leftJoin('dataset_user_permissions as g', (join) =>
        join.onRef('g.user_id', '=', 'u.id').on('g.dataset_id', '=', datasetId),
      )
      .leftJoin(groupRanks.as('gg'), (join) => join.onRef('gg.user_id', '=', 'u.id'))
      .select(['u.id', 'u.email', 'u.name', 'u.role', 'g.permission', 'gg.group_rank'])
      .where((eb) => {
        const implicit = [eb('u.role', '=', 'ADMIN')];
        if (defaultPermission !== 'NO_ACCESS') implicit.push(eb('u.role', '=', 'MEMBER'));
        return eb.or([...implicit, eb('g.permission', 'is not', null), eb('gg.group_rank', 'is not', null)]);
      })
      .orderBy('u.email')
      .execute();
    return rows.map((r) => ({
      user: { id: r.id, email: r.email, name: r.name, role: r.role as Role },
      userGrant: grantOf(r.permission),
      groupGrant: permissionOfRank(r.group_rank),
    }));
  }
}
