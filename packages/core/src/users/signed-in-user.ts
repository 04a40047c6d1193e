// The user behind a request that acts on its own account; the system actor (direct database access) has none.
import type { User } from '@teamset/contract';
import type { Actor } from '../actor.js';
import { badRequest } from '../errors/app-error.js';

export function requireSignedIn(actor: Actor, what: string): User {
  if (actor.kind !== 'user')
    throw badRequest(`Only a signed-in user can ${what}; a direct database connection has no account of its own`);
  return actor.user;
}
