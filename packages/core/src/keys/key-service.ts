// API key management (docs/design.md §3): own keys for COLLABORATOR and up, anyone's for ADMIN; plaintext returned once.
import {
  KEY_NAME_MAX_LENGTH,
  MAX_KEY_LIFETIME_SECONDS,
  apiKeyDisplayPrefix,
  canUseApiKeys,
  formatApiKey,
  API_KEY_RANDOM_LENGTH,
  type ApiKey,
  type CreatedApiKey,
  type User,
} from '@teamset/contract';
import type { Actor } from '../actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { AuthEventFeed } from '../auth/auth-events.js';
import type { Database } from '../db/database.js';
import { nowIso } from '../db/database.js';
import { badRequest, forbidden, notFound } from '../errors/app-error.js';
import { newId } from '../ids.js';
import { randomBase62, sha256Hex } from '../secrets.js';
import { isAdmin } from '../users/user-rules.js';
import type { UserService } from '../users/user-service.js';
import type { KeyStore } from './key-store.js';
import type { LastUsedRecorder } from './last-used-recorder.js';

export interface GenerateKeyInput {
  name: string;
  /** Id or email of the key's owner; absent means the caller. */
  user?: string;
  expiresInSeconds?: number;
}

export function generateRawApiKey(): string {
  return formatApiKey(randomBase62(API_KEY_RANDOM_LENGTH));
}

export class KeyService {
  constructor(
    private readonly database: Database,
    private readonly store: KeyStore,
    private readonly users: UserService,
    private readonly audit: AuditLog,
    private readonly authEvents: AuthEventFeed,
    private readonly lastUsed: LastUsedRecorder,
  ) {}

  async generate(actor: Actor, input: GenerateKeyInput): Promise<CreatedApiKey> {
    const name = input.name.trim();
    if (name.length < 1 || name.length > KEY_NAME_MAX_LENGTH)
      throw badRequest(`name must be 1–${KEY_NAME_MAX_LENGTH} characters`, { field: 'name' });
    if (
      input.expiresInSeconds !== undefined &&
      (!Number.isInteger(input.expiresInSeconds) ||
        input.expiresInSeconds < 1 ||
        input.expiresInSeconds > MAX_KEY_LIFETIME_SECONDS)
    ) {
      throw badRequest(`expiresInSeconds must be a whole number from 1 to ${MAX_KEY_LIFETIME_SECONDS}`, {
        field: 'expiresInSeconds',
      });
    }
    const owner = await this.targetUser(actor, input.user, 'generate');
    if (!canUseApiKeys(owner.role)) {
      throw actor.kind === 'user' && actor.user.id === owner.id
        ? forbidden('Guests cannot create API keys')
        : badRequest('Guests cannot hold API keys; change the user’s role first', { field: 'user' });
    }
    const key = generateRawApiKey();
    const createdAt = nowIso();
    const expiresAt =
      input.expiresInSeconds === undefined ? null : new Date(Date.now() + input.expiresInSeconds * 1000).toISOString();
    const apiKey = await this.database.db.transaction().execute(async (trx) => {
      const stored = await this.store.insert(trx, {
        id: newId(),
        user_id: owner.id,
        name,
        key_hash: sha256Hex(key),
        display_prefix: apiKeyDisplayPrefix(key),
        created_at: createdAt,
        created_by: actor.kind === 'user' ? actor.user.id : null,
        last_used_at: null,
        expires_at: expiresAt,
      });
      await this.audit.record(
        {
          action: 'key.create',
          actor,
          targetType: 'api_key',
          targetId: stored.id,
          details: { ownerId: owner.id, name, prefix: stored.prefix, expiresAt },
        },
        trx,
      );
      return stored;
    });
    return { key, apiKey };
  }

  async list(actor: Actor, input: { user?: string } = {}): Promise<ApiKey[]> {
    if (actor.kind === 'system' && input.user === undefined) return this.store.listByUser(undefined);
    const owner = await this.targetUser(actor, input.user, 'list');
    return this.store.listByUser(owner.id);
  }

  /** Another user's key is 404 to a non-admin: they may not learn that it exists. */
  async delete(actor: Actor, keyId: string): Promise<void> {
    this.requireKeyRole(actor);
    const existing = await this.store.findById(keyId);
    if (!existing || (!isAdmin(actor) && actor.kind === 'user' && existing.userId !== actor.user.id))
      throw notFound('No API key with that id');
    const deleted = await this.database.db.transaction().execute(async (trx) => {
      if (!(await this.store.delete(trx, keyId))) return false;
      await this.authEvents.record(trx, { kind: 'key_revoked', keyId });
      await this.audit.record(
        {
          action: 'key.delete',
          actor,
          targetType: 'api_key',
          targetId: keyId,
          details: { ownerId: existing.userId, name: existing.name, prefix: existing.prefix },
        },
        trx,
      );
      return true;
    });
    if (!deleted) throw notFound('No API key with that id');
    this.authEvents.emitLocal({ kind: 'key_revoked', keyId });
    this.lastUsed.forget(keyId);
  }

  private requireKeyRole(actor: Actor): void {
    if (actor.kind === 'user' && !canUseApiKeys(actor.user.role))
      throw forbidden('Guests cannot create or use API keys');
  }

  /** The user whose keys are acted on: the caller by default; someone else only for admins. */
  private async targetUser(actor: Actor, ref: string | undefined, verb: string): Promise<User> {
    this.requireKeyRole(actor);
    if (actor.kind === 'system') {
      if (ref === undefined)
        throw badRequest(`A user is needed to ${verb} keys over a direct database connection`, { field: 'user' });
      return this.users.resolve(ref);
    }
    if (ref === undefined || ref === actor.user.id || ref.trim().toLowerCase() === actor.user.email) return actor.user;
    if (!isAdmin(actor))
      throw forbidden(`Only admins can ${verb} other users’ API keys`, {
        requiredRole: 'ADMIN',
        role: actor.user.role,
      });
    return this.users.resolve(ref);
  }
}
