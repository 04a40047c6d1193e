// createServices: builds every core service over one database by plain construction (no container).
import { AuditLog } from './audit/audit-log.js';
import { AuthEventFeed } from './auth/auth-events.js';
import { SessionService } from './auth/session-service.js';
import { SetupService } from './auth/setup-service.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateToLatest } from './db/migrator.js';
import { WalCheckpointer } from './db/wal-checkpointer.js';
import { CloneService } from './datasets/dataset-clone.js';
import { DatasetService } from './datasets/dataset-service.js';
import { DatasetCursorPages } from './datasets/dataset-cursor-pages.js';
import { DatasetStore } from './datasets/dataset-store.js';
import { GroupGrantStore } from './groups/group-grant-store.js';
import { GroupService } from './groups/group-service.js';
import { GroupStore } from './groups/group-store.js';
import { InvitationService } from './invitations/invitation-service.js';
import { KeyService } from './keys/key-service.js';
import { KeyStore } from './keys/key-store.js';
import { KeyVerifier } from './keys/key-verifier.js';
import { LastUsedRecorder } from './keys/last-used-recorder.js';
import { MediaRootService } from './organization/media-root-service.js';
import { OperatorSettingsService } from './organization/operator-settings.js';
import { OrganizationService } from './organization/organization-settings.js';
import { DatasetPermissionService } from './permissions/dataset-permission-service.js';
import { SampleContext } from './samples/sample-context.js';
import { SampleService } from './samples/sample-service.js';
import { SavedViewService } from './saved-views/saved-view-service.js';
import { SavedViewStore } from './saved-views/saved-view-store.js';
import { UserCursorPages } from './users/user-cursor-pages.js';
import { UserService } from './users/user-service.js';
import { UserStore } from './users/user-store.js';
import { ViewQueries } from './views/view-queries.js';

const SESSION_PRUNE_INTERVAL_MS = 60 * 60 * 1000;

export interface CoreConfig {
  /** sqlite:/path or postgres://…; undefined → the embedded default under ~/.teamset. */
  databaseUri?: string;
  /** Apply pending migrations first (default true). */
  migrate?: boolean;
  /** How often to read other servers' auth events (default 250 ms); on PostgreSQL the fallback to LISTEN/NOTIFY, which delivers them at once. */
  authEventPollMs?: number;
  keyCacheMaxEntries?: number;
  keyCacheTtlMs?: number;
  lastUsedFlushMs?: number;
  /** Background work (revocation polling, lastUsedAt flushing); off for one-shot CLI commands. */
  background?: boolean;
  /** Budget of one view query (read through a view) before it is cancelled with QUERY_TIMEOUT (default 30 s). */
  queryTimeoutMs?: number;
  /** Answer label-level aggregations from the label index where a view allows (default true); false scans documents. */
  labelIndex?: boolean;
  /** Media roots given to the server (`teamset serve --media-root`, TEAMSET_MEDIA_ROOTS): validated here, added to the organization's. */
  mediaRoots?: readonly string[];
  /** Most schema fields (field paths, nested ones included) one dataset may have (default 1,000). */
  maxSchemaFields?: number;
  /** SQLite: checkpoint the WAL from a worker thread instead of inside commits (default false); `teamset serve` turns it on. */
  walCheckpointer?: boolean;
  /**
   * SQLite on a file: threads that run view reads off the main thread (default: one per core, 2 to 8; 0: every
   * read on the main thread). Ignored on PostgreSQL and `:memory:`. See docs/design.md, concurrency.
   */
  sqliteReaders?: number;
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
  groups: GroupService;
  operatorSettings: OperatorSettingsService;
  /** Directories sample media may be served from (organization settings plus the server's own). */
  mediaRoots: MediaRootService;
  /** Users by opaque cursor (FiftyOne's usersConnection). */
  userPages: UserCursorPages;
  /** Visible datasets by opaque cursor (FiftyOne's datasetsConnection). */
  datasetPages: DatasetCursorPages;
  samples: SampleService;
  /** A dataset's named views. */
  savedViews: SavedViewService;
  /** Copies of a dataset, or of a view's samples, into a new dataset. */
  clones: CloneService;
  /** The read path over views (also used by SampleService). */
  viewQueries: ViewQueries;
  audit: AuditLog;
  authEvents: AuthEventFeed;
  close(): Promise<void>;
}

export async function createServices(config: CoreConfig = {}): Promise<Services> {
  const database = openDatabase(
    config.databaseUri,
    config.sqliteReaders !== undefined ? { readers: config.sqliteReaders } : {},
  );
  const audit = new AuditLog(database);
  let mediaRoots: MediaRootService;
  try {
    if (config.migrate !== false) await migrateToLatest(database);
    mediaRoots = await MediaRootService.create(database, audit, config.mediaRoots ?? []);
  } catch (error) {
    await database.close();
    throw error;
  }
  const authEvents = new AuthEventFeed(database, config.authEventPollMs ?? 250);
  const organization = new OrganizationService(database, audit);
  const userStore = new UserStore(database);
  const users = new UserService(database, userStore, organization, audit, authEvents);
  const keyStore = new KeyStore(database);
  const lastUsed = new LastUsedRecorder(keyStore, config.lastUsedFlushMs ?? 5_000);
  const keyVerifier = new KeyVerifier(keyStore, lastUsed, {
    maxEntries: config.keyCacheMaxEntries ?? 10_000,
    ttlMs: config.keyCacheTtlMs ?? 60_000,
  });
  authEvents.subscribe(keyVerifier);
  const sessions = new SessionService(database, userStore, audit);
  const setup = new SetupService(database, users, audit);
  const invitations = new InvitationService(database, users, organization, audit);
  const datasetStore = new DatasetStore(database);
  const datasets = new DatasetService(database, datasetStore, organization, audit);
  const keys = new KeyService(database, keyStore, users, datasets, audit, authEvents, lastUsed);
  const groups = new GroupService(database, new GroupStore(database), users, audit);
  const operatorSettings = new OperatorSettingsService(database, organization, audit);
  const datasetPermissions = new DatasetPermissionService(
    database,
    datasets,
    datasetStore,
    users,
    audit,
    invitations,
    groups,
    new GroupGrantStore(database),
  );
  const viewQueries = new ViewQueries(database, {
    queryTimeoutMs: config.queryTimeoutMs ?? 30_000,
    labelIndex: config.labelIndex !== false,
  });
  const sampleContext = new SampleContext(
    database,
    datasets,
    viewQueries,
    config.maxSchemaFields !== undefined ? { maxSchemaFields: config.maxSchemaFields } : {},
  );
  const samples = new SampleService(sampleContext);
  const savedViewStore = new SavedViewStore(database);

  const background = config.background !== false;
  let sessionPruner: NodeJS.Timeout | undefined;
  if (background) {
    await authEvents.start();
    lastUsed.start();
    // Expired sessions are already refused; pruning only keeps the table small.
    sessionPruner = setInterval(() => void sessions.pruneExpired().catch(() => undefined), SESSION_PRUNE_INTERVAL_MS);
    sessionPruner.unref();
  }
  // Started last, once migrations ran and nothing below can fail; never for PostgreSQL or :memory: (no shared WAL).
  const walCheckpointer =
    config.walCheckpointer && database.sqlite && !database.sqlite.memory
      ? new WalCheckpointer(database.sqlite)
      : undefined;

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
    groups,
    operatorSettings,
    mediaRoots,
    userPages: new UserCursorPages(userStore),
    datasetPages: new DatasetCursorPages(datasetStore),
    samples,
    savedViews: new SavedViewService(sampleContext, savedViewStore),
    clones: new CloneService(sampleContext, savedViewStore),
    viewQueries,
    audit,
    authEvents,
    async close() {
      if (closed) return;
      closed = true;
      await keys.leakReportsSettled();
      await authEvents.stop();
      if (sessionPruner) clearInterval(sessionPruner);
      await lastUsed.stop();
      await samples.close();
      await walCheckpointer?.stop();
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
