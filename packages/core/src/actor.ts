// Actor: who performs a service call — a signed-in user (via key or session) or the system (direct database access).
import type { ApiKeyScope, KeyScopePermission, User } from '@teamset/contract';

/**
 * What a scoped API key narrows its user's power to (docs/design.md §3). Cached with the key's verification, so
 * applying it costs no query. Absent on an actor: unscoped (sessions, and keys made without a scope).
 */
export interface KeyScope {
  /** The highest dataset permission the key carries; null: no cap. */
  maxPermission: KeyScopePermission | null;
  /** The only datasets the key reaches, by id; null: every dataset its user reaches. Empty: none. */
  datasetIds: ReadonlySet<string> | null;
  /** Refuses changes to keys, users, groups, permissions, invitations and organization settings. */
  readOnlyManagement: boolean;
  /** The same scope as the wire shows it (dataset names as of the key's verification), for whoami. */
  summary: ApiKeyScope;
}

export type Actor =
  | {
      kind: 'user';
      user: User;
      via: 'api_key' | 'session';
      keyId: string | null;
      ip: string | null;
      scope?: KeyScope;
    }
  | { kind: 'system'; ip: string | null };

/** Full access with no permission checks: the database connection and admin bootstrap (docs/design.md §4, §6). */
export const SYSTEM_ACTOR: Actor = { kind: 'system', ip: null };

export function actorUserId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.user.id : null;
}

/** The scope of the key behind the call; undefined for sessions, unscoped keys and the system. */
export function actorScope(actor: Actor): KeyScope | undefined {
  return actor.kind === 'user' ? actor.scope : undefined;
}
