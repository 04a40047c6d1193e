// Datasets as objects (docs/design.md §2, §5): create, list what the caller can see, get, edit, rename, delete — each behind its permission.
import {
  DATASET_DESCRIPTION_MAX_LENGTH,
  DATASET_MAX_TAGS,
  DATASET_NAME_MAX_LENGTH,
  DATASET_TAG_MAX_LENGTH,
  DEFAULT_MEDIA_TYPE,
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  MEDIA_TYPES,
  datasetSlug,
  roleAtLeast,
  type Dataset,
  type DatasetPage,
  type ListDatasetsQuery,
  type DatasetPermission,
  type MediaType,
  type Role,
} from '@teamset/contract';
import type { Actor } from '../actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation, nowIso } from '../db/database.js';
import type { Db } from '../db/schema.js';
import { badRequest, conflict, forbidden, notFound, type AppError } from '../errors/app-error.js';
import { newId } from '../ids.js';
import type { OrganizationService } from '../organization/organization-settings.js';
import { effectivePermission, requireDatasetPermission } from '../permissions/effective-permission.js';
import { requireUnscopedDatasets, scopedDatasetIds, scopedPermission } from '../permissions/key-scope.js';
import type { DatasetRecord, DatasetStore, DatasetViewer } from './dataset-store.js';

export interface CreateDatasetInput {
  name: string;
  mediaType?: MediaType;
  tags?: string[];
  description?: string | null;
  info?: Record<string, unknown>;
}

export interface UpdateDatasetInput {
  name?: string;
  tags?: string[];
  description?: string | null;
  info?: Record<string, unknown>;
}

/** A dataset the caller may act on, with their effective permission on it. */
export interface DatasetAccess {
  record: DatasetRecord;
  permission: DatasetPermission;
}

/** Lowest role that may create datasets (docs/design.md §2). */
export const MIN_DATASET_CREATOR_ROLE: Role = 'MEMBER';

/**
 * The caller's effective permission: full for the system actor (database connection), docs/design.md §2's rule
 * otherwise — `groupGrant` is the highest grant to any of the caller's groups — narrowed by the caller's key scope.
 */
export function permissionOf(
  actor: Actor,
  record: DatasetRecord,
  userGrant: DatasetPermission | undefined,
  groupGrant?: DatasetPermission,
): DatasetPermission {
  if (actor.kind === 'system') return 'MANAGE';
  const permission = effectivePermission({
    role: actor.user.role,
    datasetDefault: record.defaultPermission,
    ...(userGrant ? { userGrant } : {}),
    ...(groupGrant ? { groupGrants: [groupGrant] } : {}),
  });
  return scopedPermission(actor, record.id, permission);
}

export function toDataset(record: DatasetRecord, permission: DatasetPermission): Dataset {
  return { ...record, permission };
}

export function viewerOf(actor: Actor): DatasetViewer {
  if (actor.kind === 'system') return { kind: 'all', userId: null };
  const datasetIds = scopedDatasetIds(actor);
  return { kind: 'user', userId: actor.user.id, role: actor.user.role, ...(datasetIds ? { datasetIds } : {}) };
}

/** Validated here, not only by the HTTP schema: the database connection calls these services directly. */
export function normalizeDatasetName(name: unknown, field = 'name'): { name: string; slug: string } {
  if (typeof name !== 'string') throw badRequest(`${field} must be a string`, { field });
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > DATASET_NAME_MAX_LENGTH)
    throw badRequest(`${field} must be 1–${DATASET_NAME_MAX_LENGTH} characters`, { field });
  if (trimmed.includes('\u0000')) throw badRequest(`${field} must not contain NUL characters`, { field });
  const slug = datasetSlug(trimmed);
  if (slug === '')
    throw badRequest(`${field} must contain at least one letter or digit (a–z, 0–9), to make its URL slug`, { field });
  return { name: trimmed, slug };
}

function normalizeTags(tags: unknown): string[] {
  if (!Array.isArray(tags)) throw badRequest('tags must be a list of strings', { field: 'tags' });
  const out: string[] = [];
  for (const tag of tags) {
    if (
      typeof tag !== 'string' ||
      tag.trim().length < 1 ||
      tag.trim().length > DATASET_TAG_MAX_LENGTH ||
      tag.includes('\u0000')
    ) {
      throw badRequest(`each tag must be a string of 1–${DATASET_TAG_MAX_LENGTH} characters`, { field: 'tags' });
    }
    if (!out.includes(tag.trim())) out.push(tag.trim());
  }
  if (out.length > DATASET_MAX_TAGS) throw badRequest(`at most ${DATASET_MAX_TAGS} tags`, { field: 'tags' });
  return out;
}

function normalizeDescription(description: unknown): string | null {
  if (description === null) return null;
  if (
    typeof description !== 'string' ||
    description.length > DATASET_DESCRIPTION_MAX_LENGTH ||
    description.includes('\u0000')
  ) {
    throw badRequest(`description must be null or a string of at most ${DATASET_DESCRIPTION_MAX_LENGTH} characters`, {
      field: 'description',
    });
  }
  return description;
}

function serializeInfo(info: unknown): string {
  if (info === null || typeof info !== 'object' || Array.isArray(info))
    throw badRequest('info must be a JSON object', { field: 'info' });
  try {
    return JSON.stringify(info);
  } catch {
    throw badRequest('info must be JSON-serializable', { field: 'info' });
  }
}

/** Which unique constraint a violation hit: pg names the constraint, SQLite the column. */
function clashOf(error: unknown): 'name' | 'slug' {
  const e = error as { constraint?: unknown; message?: unknown };
  return `${String(e.constraint ?? '')} ${String(e.message ?? '')}`.includes('slug') ? 'slug' : 'name';
}

function clashError(field: 'name' | 'slug', name: string, slug: string): AppError {
  return field === 'name'
    ? conflict(`A dataset named ${JSON.stringify(name)} already exists`, { field: 'name' })
    : conflict(
        `Another dataset already has the slug ${JSON.stringify(slug)} (names must differ by more than case and punctuation)`,
        { field: 'slug', slug },
      );
}

export class DatasetService {
  constructor(
    private readonly database: Database,
    readonly store: DatasetStore,
    private readonly organization: OrganizationService,
    private readonly audit: AuditLog,
  ) {}

  async create(actor: Actor, input: CreateDatasetInput): Promise<Dataset> {
    if (actor.kind === 'user' && !roleAtLeast(actor.user.role, MIN_DATASET_CREATOR_ROLE)) {
      throw forbidden('Only members and admins can create datasets', {
        requiredRole: MIN_DATASET_CREATOR_ROLE,
        role: actor.user.role,
      });
    }
    requireUnscopedDatasets(actor, 'create datasets');
    const { name, slug } = normalizeDatasetName(input.name);
    const mediaType = input.mediaType ?? DEFAULT_MEDIA_TYPE;
    if (!(MEDIA_TYPES as readonly string[]).includes(mediaType))
      throw badRequest(`mediaType must be one of ${MEDIA_TYPES.join(', ')}`, { field: 'mediaType' });
    const tags = normalizeTags(input.tags ?? []);
    const description = normalizeDescription(input.description ?? null);
    const info = serializeInfo(input.info ?? {});
    const creatorId = actor.kind === 'user' ? actor.user.id : null;

    const record = await this.database.db
      .transaction()
      .execute(async (trx) => {
        const clash = await this.store.findClash(name, slug, null, trx);
        if (clash) throw clashError(clash, name, slug);
        const at = nowIso();
        // The org default applies to datasets created from now on; changing it later leaves this one alone.
        const { defaultDatasetPermission } = await this.organization.current(trx);
        const created = await this.store.insert(trx, {
          id: newId(),
          name,
          slug,
          media_type: mediaType,
          tags: JSON.stringify(tags),
          description,
          info,
          created_at: at,
          last_modified_at: at,
          created_by: creatorId,
          default_permission: defaultDatasetPermission,
        });
        if (creatorId !== null) await this.store.upsertGrant(trx, created.id, creatorId, 'MANAGE', at);
        await this.audit.record(
          {
            action: 'dataset.create',
            actor,
            targetType: 'dataset',
            targetId: created.id,
            details: { name, mediaType },
          },
          trx,
        );
        return created;
      })
      .catch((error: unknown) => {
        // Two concurrent creations both pass findClash; the unique constraints turn the loser into a 409.
        throw isUniqueViolation(error) ? clashError(clashOf(error), name, slug) : error;
      });
    return toDataset(record, permissionOf(actor, record, creatorId === null ? undefined : 'MANAGE'));
  }

  /** A page of the datasets the actor can see, each with what the datasets home shows (counts, cover, label fields). */
  async list(actor: Actor, query: ListDatasetsQuery = {}): Promise<DatasetPage> {
    const page = Math.max(1, Math.floor(query.page ?? 1));
    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(query.pageSize ?? DEFAULT_PAGE_SIZE)));
    const { items, total } = await this.store.listVisible(viewerOf(actor), {
      ...(query.search ? { search: query.search } : {}),
      ...(query.sort ? { sort: query.sort } : {}),
      ...(query.order ? { order: query.order } : {}),
      summary: true,
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    const labelFields = await this.store.labelFieldsOf(items.map((item) => item.record.id));
    return {
      datasets: items.map(({ record, userGrant, groupGrant, summary }) => ({
        ...toDataset(record, permissionOf(actor, record, userGrant, groupGrant)),
        sampleCount: summary?.sampleCount ?? 0,
        labelFields: labelFields.get(record.id) ?? [],
        coverSampleId: summary?.coverSampleId ?? null,
      })),
      total,
      page,
      pageSize,
    };
  }

  async get(actor: Actor, name: string): Promise<Dataset> {
    const { record, permission } = await this.access(actor, name, 'VIEW');
    return toDataset(record, permission);
  }

  /**
   * The dataset by name if the caller holds `required` on it: 404 when they cannot see it (as if
   * missing), 403 naming both levels when they can but hold less. Every dataset operation starts here.
   */
  async access(actor: Actor, name: string, required: DatasetPermission, trx?: Db): Promise<DatasetAccess> {
    const found = await this.store.findByName(name, actor.kind === 'user' ? actor.user.id : null, trx);
    if (!found) throw notFound(`Dataset ${JSON.stringify(name)} not found`);
    const permission = permissionOf(actor, found.record, found.userGrant, found.groupGrant);
    requireDatasetPermission(permission, required, name);
    return { record: found.record, permission };
  }

  /** Tags, description and info need EDIT; a new name needs MANAGE. */
  async update(actor: Actor, name: string, patch: UpdateDatasetInput): Promise<Dataset> {
    const renaming = patch.name !== undefined ? normalizeDatasetName(patch.name) : undefined;
    const tags = patch.tags !== undefined ? normalizeTags(patch.tags) : undefined;
    const description = patch.description !== undefined ? normalizeDescription(patch.description) : undefined;
    const info = patch.info !== undefined ? serializeInfo(patch.info) : undefined;
    if (!renaming && tags === undefined && description === undefined && info === undefined)
      throw badRequest('Nothing to change: give name, tags, description or info');

    const current = await this.access(actor, name, 'VIEW');
    const rename = renaming && renaming.name !== current.record.name ? renaming : undefined;
    requireDatasetPermission(current.permission, rename ? 'MANAGE' : 'EDIT', name);

    const record = await this.database.db
      .transaction()
      .execute(async (trx) => {
        if (rename) {
          const clash = await this.store.findClash(rename.name, rename.slug, current.record.id, trx);
          if (clash) throw clashError(clash, rename.name, rename.slug);
        }
        const at = nowIso();
        const updated = await this.store.update(trx, current.record.id, {
          ...(rename ? { name: rename.name, slug: rename.slug } : {}),
          ...(tags !== undefined ? { tags: JSON.stringify(tags) } : {}),
          ...(description !== undefined ? { description } : {}),
          ...(info !== undefined ? { info } : {}),
          last_modified_at: at,
        });
        // Deleted by someone else since the permission check.
        if (!updated) throw notFound(`Dataset ${JSON.stringify(name)} not found`);
        if (rename) {
          await this.audit.record(
            {
              action: 'dataset.rename',
              actor,
              targetType: 'dataset',
              targetId: current.record.id,
              details: { from: current.record.name, to: rename.name },
            },
            trx,
          );
        }
        return {
          ...current.record,
          ...(rename ? { name: rename.name, slug: rename.slug } : {}),
          ...(tags !== undefined ? { tags } : {}),
          ...(description !== undefined ? { description } : {}),
          ...(info !== undefined ? { info: JSON.parse(info) as Record<string, unknown> } : {}),
          lastModifiedAt: at,
        };
      })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) && rename ? clashError(clashOf(error), rename.name, rename.slug) : error;
      });
    return toDataset(record, current.permission);
  }

  async delete(actor: Actor, name: string): Promise<void> {
    const { record } = await this.access(actor, name, 'MANAGE');
    await this.database.db.transaction().execute(async (trx) => {
      if (!(await this.store.delete(trx, record.id))) throw notFound(`Dataset ${JSON.stringify(name)} not found`);
      await this.audit.record(
        { action: 'dataset.delete', actor, targetType: 'dataset', targetId: record.id, details: { name: record.name } },
        trx,
      );
    });
  }
}
