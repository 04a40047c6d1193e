// API key management (docs/design.md §3): own keys for COLLABORATOR and up, anyone's for ADMIN; plaintext returned once.
import {
  DEFAULT_KEY_GRACE_SECONDS,
  KEY_NAME_MAX_LENGTH,
  LEAKED_KEY_REASON,
  MAX_KEY_GRACE_SECONDS,
  MAX_KEY_LIFETIME_SECONDS,
  MAX_KEY_SCOPE_DATASETS,
  apiKeyDisplayPrefix,
  canUseApiKeys,
  isKeyScopePermission,
  formatApiKey,
  isWellFormedApiKey,
  API_KEY_RANDOM_LENGTH,
  type ApiKey,
  type CreatedApiKey,
  type KeyScopePermission,
  type User,
} from '@teamset/contract';
import type { Actor } from '../actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import type { AuthEventFeed } from '../auth/auth-events.js';
import type { Database } from '../db/database.js';
import { nowIso } from '../db/database.js';
import type { DatasetService } from '../datasets/dataset-service.js';
import { badRequest, conflict, forbidden, notFound } from '../errors/app-error.js';
import { newId } from '../ids.js';
import { requireManagementWrite, withinCallerScope } from '../permissions/key-scope.js';
import { randomBase62, sha256Hex } from '../secrets.js';
import { isAdmin } from '../users/user-rules.js';
import type { UserService } from '../users/user-service.js';
import type { KeyStore, NewKeyScope } from './key-store.js';
import type { LastUsedRecorder } from './last-used-recorder.js';

export interface GenerateKeyInput {
  name: string;
  /** Id or email of the key's owner; absent means the caller. */
  user?: string;
  expiresInSeconds?: number;
  /** The highest dataset permission the key carries (docs/design.md §3); absent: its user's. */
  maxPermission?: KeyScopePermission;
  /** Names of the only datasets the key reaches, each visible to the caller; absent: all its user reaches. */
  datasets?: readonly string[];
  /** The key may read but not change keys, users, groups, permissions, invitations or settings. */
  readOnlyManagement?: boolean;
}

export interface RotateKeyInput {
  /** How long the old secret keeps working; absent: a day; 0: it stops at once. */
  graceSeconds?: number;
}

/** A leak report taken in: how many strings it carried, and the revocation running behind the answer. */
export interface LeakReport {
  received: number;
  done: Promise<void>;
}

export function generateRawApiKey(): string {
  return formatApiKey(randomBase62(API_KEY_RANDOM_LENGTH));
}

export class KeyService {
  /** Leak reports are handled one after another, behind the answer; this settles when the last one has. */
  private leakWork: Promise<void> = Promise.resolve();

  constructor(
    private readonly database: Database,
    private readonly store: KeyStore,
    private readonly users: UserService,
    private readonly datasets: DatasetService,
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
    requireManagementWrite(actor);
    if (!canUseApiKeys(owner.role)) {
      throw actor.kind === 'user' && actor.user.id === owner.id
        ? forbidden('Guests cannot create API keys')
        : badRequest('Guests cannot hold API keys; change the user’s role first', { field: 'user' });
    }
    const scope = await this.scopeOf(actor, input);
    const key = generateRawApiKey();
    const createdAt = nowIso();
    const expiresAt =
      input.expiresInSeconds === undefined ? null : new Date(Date.now() + input.expiresInSeconds * 1000).toISOString();
    const apiKey = await this.database.db.transaction().execute(async (trx) => {
      const stored = await this.store.insert(
        trx,
        {
          id: newId(),
          user_id: owner.id,
          name,
          key_hash: sha256Hex(key),
          display_prefix: apiKeyDisplayPrefix(key),
          created_at: createdAt,
          created_by: actor.kind === 'user' ? actor.user.id : null,
          last_used_at: null,
          expires_at: expiresAt,
        },
        scope,
      );
      await this.audit.record(
        {
          action: 'key.create',
          actor,
          targetType: 'api_key',
          targetId: stored.id,
          details: { ownerId: owner.id, name, prefix: stored.prefix, expiresAt, scope: stored.scope },
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
    const existing = await this.actedOnKey(actor, keyId);
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

  /**
   * A new secret for the same key (id, name, owner and expiry kept), returned once. The old secret keeps working
   * until the grace ends; every server drops its cached entry for the old secret and re-reads it with that end.
   */
  async rotate(actor: Actor, keyId: string, input: RotateKeyInput = {}): Promise<CreatedApiKey> {
    const graceSeconds = input.graceSeconds ?? DEFAULT_KEY_GRACE_SECONDS;
    if (!Number.isInteger(graceSeconds) || graceSeconds < 0 || graceSeconds > MAX_KEY_GRACE_SECONDS)
      throw badRequest(`graceSeconds must be a whole number from 0 to ${MAX_KEY_GRACE_SECONDS}`, {
        field: 'graceSeconds',
      });
    const existing = await this.actedOnKey(actor, keyId);
    // The new secret is handed to the caller: a scoped key may not obtain a secret wider than itself.
    if (!withinCallerScope(actor, existing.scope))
      throw forbidden('This API key is scoped more narrowly than the key it would rotate', { scope: 'rotate' });
    if (existing.revokedAt !== null)
      throw conflict('A revoked key cannot be rotated; generate a new key', { revokedReason: existing.revokedReason });
    const key = generateRawApiKey();
    const now = Date.now();
    const at = new Date(now).toISOString();
    const graceEndsAt = new Date(now + graceSeconds * 1000).toISOString();
    const rotated = await this.database.db.transaction().execute(async (trx) => {
      const prefix = apiKeyDisplayPrefix(key);
      if (!(await this.store.rotate(trx, keyId, { keyHash: sha256Hex(key), displayPrefix: prefix }, at, graceEndsAt)))
        return undefined;
      await this.authEvents.record(trx, { kind: 'key_revoked', keyId });
      await this.audit.record(
        {
          action: 'key.rotate',
          actor,
          targetType: 'api_key',
          targetId: keyId,
          details: {
            ownerId: existing.userId,
            name: existing.name,
            prefix,
            previousPrefix: existing.prefix,
            graceEndsAt: graceSeconds === 0 ? null : graceEndsAt,
          },
        },
        trx,
      );
      return this.store.findById(keyId, trx);
    });
    if (!rotated) throw notFound('No API key with that id');
    this.authEvents.emitLocal({ kind: 'key_revoked', keyId });
    return { key, apiKey: rotated };
  }

  /**
   * Takes in key strings found in the wild (no caller to check: anyone may report a key). The revocation runs
   * after this returns, so the answer, and how long it takes, is the same whether any string was a live key.
   */
  reportLeaked(keys: readonly string[], ip: string | null): LeakReport {
    const done = this.leakWork.then(() => this.revokeLeaked(keys, ip));
    this.leakWork = done.catch(() => undefined);
    return { received: keys.length, done };
  }

  /** Settles once every leak report taken in so far has been handled (for shutdown and tests). */
  leakReportsSettled(): Promise<void> {
    return this.leakWork;
  }

  /** Revokes every live key among `keys` (current secrets and secrets in a rotation grace); the rest are ignored. */
  private async revokeLeaked(keys: readonly string[], ip: string | null): Promise<void> {
    // Malformed strings never reach the database (docs/design.md §3); the format check is public anyway.
    const digests = [...new Set(keys)].filter(isWellFormedApiKey).map(sha256Hex);
    if (digests.length === 0) return;
    const at = nowIso();
    const revoked = await this.database.db.transaction().execute(async (trx) => {
      const out: string[] = [];
      for (const digest of digests) {
        const key = await this.store.revokeByHash(trx, digest, at, LEAKED_KEY_REASON);
        if (!key) continue;
        await this.authEvents.record(trx, { kind: 'key_revoked', keyId: key.keyId });
        await this.audit.record(
          {
            action: 'key.leak_revoked',
            actor: null,
            targetType: 'api_key',
            targetId: key.keyId,
            ip,
            details: {
              ownerId: key.userId,
              name: key.name,
              prefix: key.prefix,
              secret: key.secret,
              reason: LEAKED_KEY_REASON,
            },
          },
          trx,
        );
        out.push(key.keyId);
      }
      return out;
    });
    for (const keyId of revoked) {
      this.authEvents.emitLocal({ kind: 'key_revoked', keyId });
      this.lastUsed.forget(keyId);
    }
  }

  /** The key an actor deletes or rotates: their own, or anyone's for an admin; others' keys are 404. */
  private async actedOnKey(actor: Actor, keyId: string): Promise<ApiKey> {
    this.requireKeyRole(actor);
    requireManagementWrite(actor);
    const existing = await this.store.findById(keyId);
    if (!existing || (!isAdmin(actor) && actor.kind === 'user' && existing.userId !== actor.user.id))
      throw notFound('No API key with that id');
    return existing;
  }

  /** The new key's scope: each dataset named must be visible to the caller; never wider than the caller's own key. */
  private async scopeOf(actor: Actor, input: GenerateKeyInput): Promise<NewKeyScope> {
    if (input.maxPermission !== undefined && !isKeyScopePermission(input.maxPermission))
      throw badRequest('maxPermission must be one of VIEW, TAG, EDIT', { field: 'maxPermission' });
    if (
      input.datasets !== undefined &&
      (!Array.isArray(input.datasets) || input.datasets.length === 0 || input.datasets.length > MAX_KEY_SCOPE_DATASETS)
    )
      throw badRequest(`datasets must name 1–${MAX_KEY_SCOPE_DATASETS} datasets (leave it out for all)`, {
        field: 'datasets',
      });
    const found = new Map<string, string>();
    for (const name of input.datasets ?? []) {
      const { record } = await this.datasets.access(actor, name, 'VIEW');
      found.set(record.id, record.name);
    }
    const scope: NewKeyScope = {
      maxPermission: input.maxPermission ?? null,
      datasets:
        input.datasets === undefined
          ? null
          : [...found].map(([id, name]) => ({ id, name })).sort((a, b) => (a.name < b.name ? -1 : 1)),
      readOnlyManagement: input.readOnlyManagement === true,
    };
    if (!withinCallerScope(actor, scope))
      throw forbidden('A scoped API key can only generate keys within its own scope', { scope: 'generate' });
    return scope;
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
