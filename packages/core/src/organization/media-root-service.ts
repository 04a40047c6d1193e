// Media roots: the directories sample media may be served from — the organization's list (admins) plus the server's own.
import type { MediaRoot } from '@teamset/contract';
import type { Actor } from '../actor.js';
import { actorUserId } from '../actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { Database } from '../db/database.js';
import { nowIso, teamsetHome } from '../db/database.js';
import { badRequest } from '../errors/app-error.js';
import { requireAdmin, requireAdminChange } from '../users/user-rules.js';
import { isAvailableDirectory, realpathOrResolved, resolveMediaRoot } from './media-root-paths.js';
import { OrganizationStore } from './organization-store.js';

/** The files media serving must never hand out, whatever the roots: the embedded database and its sidecars. */
function databaseFiles(database: Database): string[] {
  const file = database.sqlite?.name;
  if (!file || file === ':memory:') return [];
  return [file, `${file}-wal`, `${file}-shm`, `${file}-journal`];
}

/**
 * Validates the roots given to `teamset serve` (--media-root, TEAMSET_MEDIA_ROOTS) before anything starts:
 * a typo there should stop the server with the reason, not silently serve nothing.
 */
export async function resolveServerMediaRoots(
  paths: readonly string[],
  protectedPaths: readonly string[],
): Promise<string[]> {
  const out: string[] = [];
  for (const given of paths) {
    const result = await resolveMediaRoot(given, protectedPaths);
    if ('message' in result) throw new Error(`media root: ${result.message}`);
    if (!out.includes(result.path)) out.push(result.path);
  }
  return out;
}

/** Teamset's own data, which no media root may contain and no sample may point at. */
export async function teamsetProtectedPaths(database: Database): Promise<string[]> {
  return Promise.all([teamsetHome(), ...databaseFiles(database)].map(realpathOrResolved));
}

export class MediaRootService {
  private readonly store: OrganizationStore;

  constructor(
    private readonly database: Database,
    private readonly audit: AuditLog,
    /** Already resolved (resolveServerMediaRoots); read-only through the API. */
    private readonly serverRoots: readonly string[],
    /** teamsetProtectedPaths(database), computed once at start-up. */
    readonly protectedPaths: readonly string[],
  ) {
    this.store = new OrganizationStore(database);
  }

  /** Validates the server's roots (throws with the reason) and builds the service. */
  static async create(database: Database, audit: AuditLog, serverRoots: readonly string[]): Promise<MediaRootService> {
    const protectedPaths = await teamsetProtectedPaths(database);
    return new MediaRootService(
      database,
      audit,
      await resolveServerMediaRoots(serverRoots, protectedPaths),
      protectedPaths,
    );
  }

  /** Every directory media may be served from, server roots first (internal: the media routes check the dataset). */
  async effective(): Promise<string[]> {
    const organization = await this.organizationRoots();
    return [...this.serverRoots, ...organization.filter((path) => !this.serverRoots.includes(path))];
  }

  async list(actor: Actor): Promise<MediaRoot[]> {
    requireAdmin(actor, 'read the media roots');
    return this.describe(await this.organizationRoots());
  }

  /** Replaces the organization's list (server roots stay as they are); all or nothing, each entry validated. */
  async replace(actor: Actor, paths: readonly string[]): Promise<MediaRoot[]> {
    requireAdminChange(actor, 'change the media roots');
    const next: string[] = [];
    for (const [index, given] of paths.entries()) {
      const result = await resolveMediaRoot(given, this.protectedPaths);
      // The sentence names the path itself; `index` tells a client which entry (a person adding one root
      // must not read "Media root 3: …" about the only path they typed).
      if ('message' in result) throw badRequest(result.message, { field: 'roots', index });
      // Two spellings of one directory (a symlink and its target) are one root.
      if (!next.includes(result.path)) next.push(result.path);
    }
    await this.database.db.transaction().execute(async (trx) => {
      await this.store.lockMediaRoots(trx);
      const rows = await this.store.listMediaRoots(trx);
      const kept = new Map(rows.map((r) => [r.path, r]));
      const at = nowIso();
      await this.store.replaceMediaRoots(
        trx,
        next.map((path, position) => ({
          position,
          path,
          added_at: kept.get(path)?.added_at ?? at,
          added_by: kept.get(path)?.added_by ?? actorUserId(actor),
        })),
      );
      await this.audit.record(
        {
          action: 'organization.update',
          actor,
          targetType: 'organization',
          details: { before: { mediaRoots: rows.map((r) => r.path) }, after: { mediaRoots: next } },
        },
        trx,
      );
    });
    return this.describe(next);
  }

  private async organizationRoots(): Promise<string[]> {
    return (await this.store.listMediaRoots()).map((r) => r.path);
  }

  private async describe(organization: readonly string[]): Promise<MediaRoot[]> {
    const roots: Array<Omit<MediaRoot, 'available'>> = [
      ...this.serverRoots.map((path) => ({ path, source: 'server' as const })),
      ...organization
        .filter((path) => !this.serverRoots.includes(path))
        .map((path) => ({ path, source: 'organization' as const })),
    ];
    return Promise.all(roots.map(async (root) => ({ ...root, available: await isAvailableDirectory(root.path) })));
  }
}
