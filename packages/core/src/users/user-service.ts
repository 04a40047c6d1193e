// User management (admin): create, list, get, change role, delete — with the last-admin guard and audit trail.
import {
  DEFAULT_PAGE_SIZE,
  MAX_PAGE_SIZE,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  isRole,
  type Role,
  type User,
  type UserPage,
} from '@teamset/contract';
import type { Actor } from '../actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { AuthEventFeed } from '../auth/auth-events.js';
import { hashPassword } from '../auth/passwords.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation, nowIso } from '../db/database.js';
import type { Db } from '../db/schema.js';
import { badRequest, conflict, forbidden, notFound, type AppError } from '../errors/app-error.js';
import { newId } from '../ids.js';
import type { OrganizationService } from '../organization/organization-settings.js';
import { requireSignedIn } from './signed-in-user.js';
import { isAdmin, requireAdmin, requireAdminChange } from './user-rules.js';
import { normalizeEmail, type UserStore } from './user-store.js';
import { requireManagementWrite } from '../permissions/key-scope.js';

export interface CreateUserInput {
  email: string;
  name: string;
  role?: Role;
  password?: string;
}

const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+$/;

export function validateNewUser(input: CreateUserInput): void {
  const email = normalizeEmail(input.email);
  if (email.length < 3 || email.length > 254 || !EMAIL_SHAPE.test(email))
    throw badRequest('email is not a valid email address', { field: 'email' });
  const name = input.name.trim();
  if (name.length < 1 || name.length > 100) throw badRequest('name must be 1–100 characters', { field: 'name' });
  if (input.role !== undefined && !isRole(input.role))
    throw badRequest('role must be one of ADMIN, MEMBER, COLLABORATOR, GUEST', { field: 'role' });
  if (
    input.password !== undefined &&
    (input.password.length < PASSWORD_MIN_LENGTH || input.password.length > PASSWORD_MAX_LENGTH)
  ) {
    throw badRequest(`password must be ${PASSWORD_MIN_LENGTH}–${PASSWORD_MAX_LENGTH} characters`, {
      field: 'password',
    });
  }
}

export class UserService {
  constructor(
    private readonly database: Database,
    readonly store: UserStore,
    private readonly organization: OrganizationService,
    private readonly audit: AuditLog,
    private readonly authEvents: AuthEventFeed,
  ) {}

  async create(actor: Actor, input: CreateUserInput): Promise<User> {
    requireAdminChange(actor, 'create users');
    validateNewUser(input);
    const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);
    return this.database.db.transaction().execute(async (trx) => {
      const user = await this.insertUser(
        trx,
        { ...input, role: input.role ?? (await this.organization.current(trx)).defaultUserRole },
        passwordHash,
      );
      await this.audit.record(
        {
          action: 'user.create',
          actor,
          targetType: 'user',
          targetId: user.id,
          details: { email: user.email, role: user.role },
        },
        trx,
      );
      return user;
    });
  }

  /** Inserts a validated user in the caller's transaction; used by create, setup and invitation acceptance. */
  async insertUser(trx: Db, input: CreateUserInput & { role: Role }, passwordHash: string | undefined): Promise<User> {
    const taken = (): AppError => conflict('A user with this email already exists', { field: 'email' });
    if (await this.store.findByEmail(input.email, trx)) throw taken();
    const at = nowIso();
    // The check above cannot see a concurrent, uncommitted insert of the same email: the unique index catches that race.
    const user = await this.store
      .insert(trx, { id: newId(), email: input.email, name: input.name.trim(), role: input.role, createdAt: at })
      .catch((error: unknown) => {
        throw isUniqueViolation(error) ? taken() : error;
      });
    if (passwordHash !== undefined) await this.store.setPasswordHash(trx, user.id, passwordHash, at);
    return user;
  }

  async list(actor: Actor, query: { search?: string; page?: number; pageSize?: number }): Promise<UserPage> {
    requireAdmin(actor, 'list users');
    const page = Math.max(1, Math.floor(query.page ?? 1));
    const pageSize = Math.min(MAX_PAGE_SIZE, Math.max(1, Math.floor(query.pageSize ?? DEFAULT_PAGE_SIZE)));
    const search = query.search;
    const { users, total } = await this.store.list({
      ...(search ? { search } : {}),
      offset: (page - 1) * pageSize,
      limit: pageSize,
    });
    return { users, total, page, pageSize };
  }

  /** Admins see anyone; others only themselves (403 otherwise: users are not secret the way datasets are). */
  async get(actor: Actor, ref: string): Promise<User> {
    if (!isAdmin(actor) && actor.kind === 'user' && !this.refersTo(ref, actor.user)) {
      throw forbidden('Only admins can look up other users', { requiredRole: 'ADMIN', role: actor.user.role });
    }
    return this.resolve(ref);
  }

  /** Looks a user up by id or email, 404 when there is none. */
  async resolve(ref: string, trx?: Db): Promise<User> {
    const user = await this.store.findByRef(ref, trx);
    if (!user) throw notFound(`No user ${ref.includes('@') ? 'with that email' : 'with that id'}`);
    return user;
  }

  async setRole(actor: Actor, ref: string, role: Role): Promise<User> {
    requireAdminChange(actor, 'change roles');
    if (!isRole(role)) throw badRequest('role must be one of ADMIN, MEMBER, COLLABORATOR, GUEST', { field: 'role' });
    const updated = await this.database.db.transaction().execute(async (trx) => {
      const admins = await this.store.lockAdminIds(trx);
      const user = await this.resolve(ref, trx);
      if (user.role === role) return user;
      if (user.role === 'ADMIN' && admins.length <= 1)
        throw conflict('The last admin cannot be demoted; promote another admin first');
      await this.store.updateRole(trx, user.id, role, nowIso());
      await this.authEvents.record(trx, { kind: 'user_changed', userId: user.id });
      await this.audit.record(
        {
          action: 'user.role_change',
          actor,
          targetType: 'user',
          targetId: user.id,
          details: { from: user.role, to: role },
        },
        trx,
      );
      return { ...user, role };
    });
    this.authEvents.emitLocal({ kind: 'user_changed', userId: updated.id });
    return updated;
  }

  /** Deletes the user; their keys and sessions go with them (foreign keys cascade). */
  async delete(actor: Actor, ref: string): Promise<void> {
    requireAdminChange(actor, 'delete users');
    const userId = await this.database.db.transaction().execute(async (trx) => {
      const admins = await this.store.lockAdminIds(trx);
      const user = await this.resolve(ref, trx);
      if (user.role === 'ADMIN' && admins.length <= 1) throw conflict('The last admin cannot be deleted');
      await this.store.delete(trx, user.id);
      await this.authEvents.record(trx, { kind: 'user_changed', userId: user.id });
      await this.audit.record(
        {
          action: 'user.delete',
          actor,
          targetType: 'user',
          targetId: user.id,
          details: { email: user.email, role: user.role },
        },
        trx,
      );
      return user.id;
    });
    this.authEvents.emitLocal({ kind: 'user_changed', userId });
  }

  /** The signed-in user changes their own display name (Settings › Account). */
  async updateOwnProfile(actor: Actor, input: { name: string }): Promise<User> {
    const self = requireSignedIn(actor, 'change an account');
    requireManagementWrite(actor);
    const name = input.name.trim();
    if (name.length < 1 || name.length > 100) throw badRequest('name must be 1–100 characters', { field: 'name' });
    const updated = await this.database.db.transaction().execute(async (trx) => {
      const user = await this.resolve(self.id, trx);
      if (user.name === name) return user;
      await this.store.updateName(trx, user.id, name, nowIso());
      // Key caches hold the user as verified: without the event, whoami over a key would show the old name for a while.
      await this.authEvents.record(trx, { kind: 'user_changed', userId: user.id });
      await this.audit.record(
        {
          action: 'user.update',
          actor,
          targetType: 'user',
          targetId: user.id,
          details: { from: { name: user.name }, to: { name } },
        },
        trx,
      );
      return { ...user, name };
    });
    this.authEvents.emitLocal({ kind: 'user_changed', userId: updated.id });
    return updated;
  }

  private refersTo(ref: string, user: User): boolean {
    return ref === user.id || normalizeEmail(ref) === user.email;
  }
}
