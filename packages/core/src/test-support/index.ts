// @teamset/core/testing (tests only, through the Vitest alias): test databases on both dialects and identity fixtures.
export {
  POSTGRES_ADMIN_URL,
  createTestDatabase,
  postgresAvailable,
  testDialects,
  type TestDatabase,
  type TestDialect,
} from './test-databases.js';
export {
  actorFor,
  createTestServices,
  expectAppError,
  keyStatus,
  makeUser,
  pollUntil,
  seedTeam,
  uniqueEmail,
  uniqueName,
  useTeamServices,
  useTwoServers,
  type Team,
  type TeamServices,
  type TestServices,
  type TwoServers,
} from './identity-fixtures.js';
export { syntheticSamples } from './sample-fixtures.js';
