// @teamset/sdk: configuration, the API and database connections, typed errors, management functions, views and datasets.
export * from './errors.js';
export {
  loadConfig,
  defaultConfigPath,
  type Environment,
  type LoadConfigOptions,
  type TeamsetConfig,
} from './config/load-config.js';
export {
  CONFIG_FIELDS,
  CONFIG_PATH_ENV_VAR,
  describeSource,
  type ConfigField,
  type ConfigFieldSpec,
  type ConfigSource,
} from './config/config-fields.js';
export { maskApiKey, maskDatabaseUri } from './config/mask-secrets.js';
export {
  HttpClient,
  DEFAULT_MAX_ATTEMPTS,
  DEFAULT_TIMEOUT_MS,
  type HttpClientOptions,
  type QueryValue,
  type RequestOptions,
} from './http/http-client.js';
export type { HttpMethod } from './http/retry-policy.js';
export { ApiConnection, type ApiConnectionSettings, type HttpTuning } from './connection/api-connection.js';
export { DatabaseConnection, type CoreServices } from './connection/database-connection.js';
export { connect, type Connection, type ConnectOptions } from './connection/connect.js';
export { testApiConnection, type TestApiConnectionOptions } from './connection/test-api-connection.js';
export {
  ManagementClient,
  type GenerateApiKeyOptions,
  type ListDatasetsOptions,
  type ListUsersOptions,
  type RotateApiKeyOptions,
  type SendInvitationOptions,
} from './management/management-client.js';
export { datasetRef, type DatasetLike } from './management/dataset-ref.js';
export { userRef, type UserLike } from './management/user-ref.js';
export * from './management/default-client.js';
export * from './management/group-functions.js';
export {
  GroupManagement,
  userGroupRef,
  type CreateUserGroupOptions,
  type ListUserGroupsOptions,
  type UpdateUserGroupOptions,
  type UserGroupLike,
} from './management/group-management.js';
export * from './views/index.js';
export * from './datasets/index.js';
export * from './formats/index.js';
