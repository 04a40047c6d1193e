// AdminBackend on the database itself (DESIGN §6): core services as the system actor, for bootstrap and recovery.
import type { ApiKey, CreatedApiKey, Role, User, UserPage } from '@teamset/contract';
import type * as Core from '@teamset/core';
import type { CoreServices } from '@teamset/sdk';
import { UsageError } from '../cli-errors.js';
import type { AdminBackend, NewKey, NewUser } from './admin-backend.js';

export class DatabaseBackend implements AdminBackend {
  readonly kind = 'database';

  constructor(
    private readonly services: CoreServices,
    private readonly actor: Core.Actor,
  ) {}

  createUser(input: NewUser): Promise<User> {
    return this.services.users.create(this.actor, input);
  }

  listUsers(query: { search?: string; page?: number; pageSize?: number }): Promise<UserPage> {
    return this.services.users.list(this.actor, query);
  }

  deleteUser(user: string): Promise<void> {
    return this.services.users.delete(this.actor, user);
  }

  setUserRole(user: string, role: Role): Promise<User> {
    return this.services.users.setRole(this.actor, user, role);
  }

  async generateKey(input: NewKey): Promise<CreatedApiKey> {
    // Over the database there is no "me" to own the key.
    if (input.user === undefined) throw new UsageError('keys generate needs --user <id-or-email> when working on the database directly');
    return this.services.keys.generate(this.actor, input);
  }

  listKeys(user?: string): Promise<ApiKey[]> {
    return this.services.keys.list(this.actor, { user });
  }

  deleteKey(keyId: string): Promise<void> {
    return this.services.keys.delete(this.actor, keyId);
  }
}
