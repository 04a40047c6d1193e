// @teamset/core: the domain and its persistence; the only package that issues SQL.
export { SYSTEM_ACTOR, actorUserId, type Actor, type KeyScope } from './actor.js';
export { READ_ONLY_KEY_MESSAGE, keyScopeOf } from './permissions/key-scope.js';
export {
  AppError,
  isAppError,
  badRequest,
  unauthenticated,
  forbidden,
  notFound,
  conflict,
} from './errors/app-error.js';
export {
  openDatabase,
  parseDatabaseUri,
  redactDatabaseUri,
  resolveDatabaseUri,
  teamsetHome,
  type Database,
  type Dialect,
} from './db/database.js';
export { migrateToLatest } from './db/migrator.js';
export { runWithSignal } from './db/query-context.js';
export { createServices, migrateDatabase, type CoreConfig, type Services } from './services.js';
export { normalizeEmail } from './users/user-store.js';
export {
  csrfTokenFor,
  SESSION_TTL_MS,
  INVALID_LOGIN_MESSAGE,
  WRONG_CURRENT_PASSWORD_MESSAGE,
  type NewSession,
  type ResolvedSession,
} from './auth/session-service.js';
export { generateRawApiKey, type GenerateKeyInput } from './keys/key-service.js';
export type { VerifiedKey } from './keys/key-verifier.js';
export { newId } from './ids.js';
export { constantTimeEqual, sha256Hex } from './secrets.js';
export {
  effectivePermission,
  grantablePermissions,
  implicitPermission,
  requireDatasetPermission,
  type PermissionFacts,
} from './permissions/effective-permission.js';
export {
  DatasetService,
  MIN_DATASET_CREATOR_ROLE,
  type CreateDatasetInput,
  type UpdateDatasetInput,
  type DatasetAccess,
} from './datasets/dataset-service.js';
export type { DatasetRecord } from './datasets/dataset-store.js';
export { DatasetPermissionService } from './permissions/dataset-permission-service.js';
export { SampleService } from './samples/sample-service.js';
export { spawnModuleWorker } from './workers/module-worker.js';
export type { SampleOperations, SamplePageJson } from './samples/sample-operations.js';
export type { SetValuesInput } from './samples/set-values.js';
export type { TagInput } from './samples/sample-tagging.js';
export type { TagProgress } from './samples/tag-progress.js';
export { SavedViewService, type SaveViewInput } from './saved-views/saved-view-service.js';
export { CloneService } from './datasets/dataset-clone.js';
export { ViewQueries, type ViewQueriesOptions } from './views/view-queries.js';
export type { ViewReader } from './views/view-reader.js';
export type { SampleRow, ViewTarget, VisibleLabels } from './views/view-target.js';
export { MediaRootService } from './organization/media-root-service.js';
export { isWithin } from './organization/media-root-paths.js';
