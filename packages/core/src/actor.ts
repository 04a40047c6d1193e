// Actor: who performs a service call — a signed-in user (via key or session) or the system (direct database access).
import type { User } from '@teamset/contract';

export type Actor =
  | { kind: 'user'; user: User; via: 'api_key' | 'session'; keyId: string | null; ip: string | null }
  | { kind: 'system'; ip: string | null };

/** Full access with no permission checks: the database connection and admin bootstrap (docs/design.md §4, §6). */
export const SYSTEM_ACTOR: Actor = { kind: 'system', ip: null };

export function actorUserId(actor: Actor): string | null {
  return actor.kind === 'user' ? actor.user.id : null;
}
