// The one place a scoped key narrows its user's power (docs/design.md §3): dataset permission, dataset reach, management.
import { permissionRank, type ApiKeyScope, type DatasetPermission } from '@teamset/contract';
import { actorScope, type Actor, type KeyScope } from '../actor.js';
import { forbidden } from '../errors/app-error.js';

/** The message of the 403 a read-only-management key gets for any management change. */
export const READ_ONLY_KEY_MESSAGE = 'This API key is limited to read-only management';

/** The scope an actor is built with from a key's stored scope; undefined for an unscoped key (it changes nothing). */
export function keyScopeOf(summary: ApiKeyScope): KeyScope | undefined {
  if (summary.maxPermission === null && summary.datasets === null && !summary.readOnlyManagement) return undefined;
  return {
    maxPermission: summary.maxPermission,
    datasetIds: summary.datasets === null ? null : new Set(summary.datasets.map((d) => d.id)),
    readOnlyManagement: summary.readOnlyManagement,
    summary,
  };
}

/**
 * Whether a key of scope `inner` can do no more than the caller's key: a scoped key may make or rotate only keys
 * inside its own scope, or it could hand itself a wider secret.
 */
export function withinCallerScope(actor: Actor, inner: ApiKeyScope): boolean {
  const outer = actorScope(actor);
  if (!outer) return true;
  if (outer.maxPermission !== null) {
    if (inner.maxPermission === null || permissionRank(inner.maxPermission) > permissionRank(outer.maxPermission))
      return false;
  }
  if (outer.datasetIds !== null) {
    const ids = outer.datasetIds;
    if (inner.datasets === null || inner.datasets.some((d) => !ids.has(d.id))) return false;
  }
  return !outer.readOnlyManagement || inner.readOnlyManagement;
}

/**
 * min(user's permission, key's cap); NO_ACCESS on a dataset the key does not list, so it answers 404 like a
 * dataset the user cannot see. Every effective permission of a user actor passes through here.
 */
export function scopedPermission(actor: Actor, datasetId: string, permission: DatasetPermission): DatasetPermission {
  const scope = actorScope(actor);
  if (!scope) return permission;
  if (scope.datasetIds !== null && !scope.datasetIds.has(datasetId)) return 'NO_ACCESS';
  const cap = scope.maxPermission;
  return cap !== null && permissionRank(cap) < permissionRank(permission) ? cap : permission;
}

/** The dataset ids a listing is limited to; undefined when the actor reaches whatever its user does. */
export function scopedDatasetIds(actor: Actor): readonly string[] | undefined {
  const ids = actorScope(actor)?.datasetIds;
  return ids ? [...ids] : undefined;
}

/** Refuses a management change (keys, users, groups, permissions, invitations, settings) to a read-only key. */
export function requireManagementWrite(actor: Actor): void {
  if (actorScope(actor)?.readOnlyManagement) throw forbidden(READ_ONLY_KEY_MESSAGE, { scope: 'readOnlyManagement' });
}

/**
 * Creating a dataset gives its creator MANAGE on something no list names: a key limited by permission or by
 * datasets cannot create one (nor clone into one).
 */
export function requireUnscopedDatasets(actor: Actor, what: string): void {
  const scope = actorScope(actor);
  if (scope && (scope.maxPermission !== null || scope.datasetIds !== null))
    throw forbidden(`This API key is limited to some datasets or permissions, so it cannot ${what}`, {
      scope: scope.datasetIds !== null ? 'datasets' : 'maxPermission',
    });
}
