// Role rules shared by services: who counts as an admin, and the error when someone is not.
import type { Role } from '@teamset/contract';
import type { Actor } from '../actor.js';
import { forbidden } from '../errors/app-error.js';
import { requireManagementWrite } from '../permissions/key-scope.js';

export function isAdmin(actor: Actor): boolean {
  return actor.kind === 'system' || actor.user.role === 'ADMIN';
}

export function requireAdmin(actor: Actor, what: string): void {
  if (!isAdmin(actor)) {
    throw forbidden(`Only admins can ${what}`, {
      requiredRole: 'ADMIN' satisfies Role,
      role: actor.kind === 'user' ? actor.user.role : null,
    });
  }
}

/** An admin's change to users, groups, invitations or settings: refused to a read-only-management key as well. */
export function requireAdminChange(actor: Actor, what: string): void {
  requireAdmin(actor, what);
  requireManagementWrite(actor);
}
