// Service accounts (docs/design.md §3): non-person users admins create for jobs; disabling one refuses its keys everywhere.
import {
  SERVICE_ACCOUNT_MAX_ROLE,
  SERVICE_ACCOUNT_NAME_PATTERN,
  serviceAccountEmail,
  type AuditAction,
  type Role,
  type ServiceAccount,
} from '@teamset/contract';
import type { Actor } from '../actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { AuthEventFeed } from '../auth/auth-events.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation, nowIso } from '../db/database.js';
import type { Db } from '../db/schema.js';
import { badRequest, conflict, notFound, type AppError } from '../errors/app-error.js';
import { newId } from '../ids.js';
import { isServiceAccountRole, requireAdmin, requireAdminChange } from '../users/user-rules.js';
import type { UserStore } from '../users/user-store.js';
import type { ServiceAccountStore } from './service-account-store.js';

const NAME_SHAPE = new RegExp(SERVICE_ACCOUNT_NAME_PATTERN);

export interface CreateServiceAccountInput {
  name: string;
  role: Role;
}

export class ServiceAccountService {
  constructor(
    private readonly database: Database,
    private readonly store: ServiceAccountStore,
    private readonly users: UserStore,
    private readonly audit: AuditLog,
    private readonly authEvents: AuthEventFeed,
  ) {}

  /** No password, no invitation: the account exists only to hold keys an admin generates for it. */
  async create(actor: Actor, input: CreateServiceAccountInput): Promise<ServiceAccount> {
    requireAdminChange(actor, 'create service accounts');
    const name = input.name.trim().toLowerCase();
    if (!NAME_SHAPE.test(name))
      throw badRequest(
        'name must be 1–64 lower-case letters, digits, ".", "_" or "-", starting with a letter or digit',
        {
          field: 'name',
        },
      );
    if (!isServiceAccountRole(input.role))
      throw badRequest(`A service account’s role is at most ${SERVICE_ACCOUNT_MAX_ROLE}`, { field: 'role' });
    const email = serviceAccountEmail(name);
    const taken = (): AppError => conflict('A service account with this name already exists', { field: 'name' });
    return this.database.db.transaction().execute(async (trx) => {
      if (await this.users.findByEmail(email, trx)) throw taken();
      // The check above cannot see a concurrent, uncommitted insert: the unique index on email catches that race.
      const user = await this.users
        .insert(trx, { id: newId(), email, name, role: input.role, createdAt: nowIso(), kind: 'service' })
        .catch((error: unknown) => {
          throw isUniqueViolation(error) ? taken() : error;
        });
      await this.record(trx, actor, 'service_account.create', user.id, { name, role: user.role });
      return this.find(name, trx);
    });
  }

  async list(actor: Actor): Promise<ServiceAccount[]> {
    requireAdmin(actor, 'list service accounts');
    return this.store.list();
  }

  /** By name, id or email; 404 for anything that is not a service account (people included). */
  async get(actor: Actor, ref: string): Promise<ServiceAccount> {
    requireAdmin(actor, 'look up service accounts');
    return this.find(ref);
  }

  /** Its keys are refused at once here and, through the auth event feed, on every other server. */
  disable(actor: Actor, ref: string): Promise<ServiceAccount> {
    return this.setDisabled(actor, ref, true);
  }

  enable(actor: Actor, ref: string): Promise<ServiceAccount> {
    return this.setDisabled(actor, ref, false);
  }

  /** Deletes the account with its keys, memberships and grants (foreign keys cascade). */
  async delete(actor: Actor, ref: string): Promise<void> {
    requireAdminChange(actor, 'delete service accounts');
    const id = await this.database.db.transaction().execute(async (trx) => {
      const account = await this.find(ref, trx);
      await this.users.delete(trx, account.id);
      await this.authEvents.record(trx, { kind: 'user_changed', userId: account.id });
      await this.record(trx, actor, 'service_account.delete', account.id, { name: account.name });
      return account.id;
    });
    this.authEvents.emitLocal({ kind: 'user_changed', userId: id });
  }

  private async setDisabled(actor: Actor, ref: string, disabled: boolean): Promise<ServiceAccount> {
    requireAdminChange(actor, `${disabled ? 'disable' : 'enable'} service accounts`);
    const updated = await this.database.db.transaction().execute(async (trx) => {
      const account = await this.find(ref, trx);
      if ((account.disabledAt !== null) === disabled) return account;
      const at = nowIso();
      await this.store.setDisabledAt(trx, account.id, disabled ? at : null, at);
      // The same event a role change sends: every server drops the keys it cached for this user and re-reads them.
      await this.authEvents.record(trx, { kind: 'user_changed', userId: account.id });
      await this.record(trx, actor, disabled ? 'service_account.disable' : 'service_account.enable', account.id, {
        name: account.name,
      });
      return { ...account, disabledAt: disabled ? at : null };
    });
    this.authEvents.emitLocal({ kind: 'user_changed', userId: updated.id });
    return updated;
  }

  private async find(ref: string, trx?: Db): Promise<ServiceAccount> {
    const [account] = await this.store.list(ref, trx);
    if (!account) throw notFound('No service account with that name');
    return account;
  }

  private record(
    trx: Db,
    actor: Actor,
    action: AuditAction,
    id: string,
    details: Record<string, unknown>,
  ): Promise<void> {
    return this.audit.record({ action, actor, targetType: 'user', targetId: id, details }, trx);
  }
}
