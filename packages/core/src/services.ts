// createServices: builds every core service over one database by plain construction (no container).
import { AuditLog } from './audit/audit-log.js';
import { AuthEventFeed } from './auth/auth-events.js';
import { SessionService } from './auth/session-service.js';
import { SetupService } from './auth/setup-service.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrator.js';
import { DatasetService } from './datasets/dataset-service.js';
import { DatasetStore } from './datasets/dataset-store.js';
import { InvitationService } from './invitations/invitation-service.js';
import { KeyService } from './keys/key-service.js';
import { KeyStore } from './keys/key-store.js';
import { KeyVerifier } from './keys/key-verifier.js';
import { LastUsedRecorder } from './keys/last-used-recorder.js';
import { OrganizationService } from './organization/organization-settings.js';
import { DatasetPermissionService } from './permissions/dataset-permission-service.js';
import { UserService } from './users/user-service.js';
import { UserStore } from './users/user-store.js';

const SESSION_PRUNE_INTERVAL_MS = 60 * 60 * 1000;

export interface CoreConfig {
  /** sqlite:/path or postgres://…; undefined → the embedded default under ~/.teamset. */
  databaseUri?: string;
  /** Apply pending migrations first (default true). */
  migrate?: boolean;
  /** How often to read other servers' key revocations (default 250 ms, well inside DESIGN's 1 s). */
  authEventPollMs?: number;
  keyCacheMaxEntries?: number;
  keyCacheTtlMs?: number;
  lastUsedFlushMs?: number;
  /** Background work (revocation polling, lastUsedAt flushing); off for one-shot CLI commands. */
  background?: boolean;
}

export interface Services {
  database: Database;
  users: UserService;
  sessions: SessionService;
  setup: SetupService;
  invitations: InvitationService;
  keys: KeyService;
  keyVerifier: KeyVerifier;
  organization: OrganizationService;
  datasets: DatasetService;
  datasetPermissions: DatasetPermissionService;
  audit: AuditLog;
  authEvents: AuthEventFeed;
  close(): Promise<void>;
}

export async function createServices(config: CoreConfig = {}): Promise<Services> {
  const database = openDatabase(config.databaseUri);
  try {
    if (config.migrate !== false) await migrateToLatest(database);
  } catch (error) {
    await database.close();
    throw error;
  }
  const audit = new AuditLog(database);
  const authEvents = new AuthEventFeed(database, config.authEventPollMs ?? 250);
  const organization = new OrganizationService(database, audit);
  const userStore = new UserStore(database);
  const users = new UserService(database, userStore, organization, audit, authEvents);
  const keyStore = new KeyStore(database);
  const lastUsed = new LastUsedRecorder(keyStore, config.lastUsedFlushMs ?? 5_000);
  const keyVerifier = new KeyVerifier(keyStore, lastUsed, { maxEntries: config.keyCacheMaxEntries ?? 10_000, ttlMs: config.keyCacheTtlMs ?? 60_000 });
  authEvents.subscribe(keyVerifier);
  const keys = new KeyService(database, keyStore, users, audit, authEvents, lastUsed);
  const sessions = new SessionService(database, userStore, audit);
  const setup = new SetupService(database, users, audit);
  const invitations = new InvitationService(database, users, organization, audit);
  const datasetStore = new DatasetStore(database);
  const datasets = new DatasetService(database, datasetStore, organization, audit);
  const datasetPermissions = new DatasetPermissionService(database, datasets, datasetStore, users, audit, invitations);

  const background = config.background !== false;
  let sessionPruner: NodeJS.Timeout | undefined;
  if (background) {
    await authEvents.start();
    lastUsed.start();
    // Expired sessions are already refused; pruning only keeps the table small.
    sessionPruner = setInterval(() => void sessions.pruneExpired().catch(() => undefined), SESSION_PRUNE_INTERVAL_MS);
    sessionPruner.unref();
  }

  let closed = false;
  return {
    database,
    users,
    sessions,
    setup,
    invitations,
    keys,
    keyVerifier,
    organization,
    datasets,
    datasetPermissions,
    audit,
    authEvents,
    async close() {
      if (closed) return;
      closed = true;
      authEvents.stop();
      if (sessionPruner) clearInterval(sessionPruner);
      await lastUsed.stop();
      await database.close();
    },
  };
}

/** `teamset migrate`: apply pending migrations and report which ran. */
export async function migrateDatabase(databaseUri?: string): Promise<{ applied: string[] }> {
  const database = openDatabase(databaseUri);
  try {
    return await migrateToLatest(database);
  } finally {
    await database.close();
  }
}
