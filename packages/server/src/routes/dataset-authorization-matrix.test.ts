// The authorization matrix (issues 3, 15): every dataset endpoint × role × permission level × how it is granted (user grant, member default, group grant) × credential (session, key, scoped keys), against an independent oracle of docs/design.md §2–3.
import { API_PREFIX, PATHS } from '@teamset/contract';
import { SYSTEM_ACTOR } from '@teamset/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@teamset/core/testing';
import { createAuthFixture, type AuthFixture, type FixtureUser } from '../test-support/auth-fixture.js';
import {
  CREDENTIALS,
  GRANT_MODES,
  ORACLE_LEVELS,
  ORACLE_ROLES,
  type GrantMode,
  type OracleLevel,
  type OracleRole,
} from '../test-support/dataset-access-oracle.js';
import { DATASET_OPERATIONS } from '../test-support/matrix-dataset-operations.js';
import { runMatrixGroup, type MatrixEnvironment } from '../test-support/matrix-runner.js';
import { SAMPLE_OPERATIONS } from '../test-support/matrix-sample-operations.js';
import { listRegisteredRoutes, routeKey } from '../test-support/protected-routes.js';

const OPERATIONS = [...DATASET_OPERATIONS, ...SAMPLE_OPERATIONS];
const GROUPS: Array<[OracleRole, OracleLevel, GrantMode]> = ORACLE_ROLES.flatMap((role) =>
  GRANT_MODES.flatMap((mode) =>
    ORACLE_LEVELS.map((level) => [role, level, mode] as [OracleRole, OracleLevel, GrantMode]),
  ),
);
const EXPECTED_CELLS =
  OPERATIONS.length * ORACLE_ROLES.length * ORACLE_LEVELS.length * GRANT_MODES.length * CREDENTIALS.length;

/** Routes that act on datasets or their permissions: under /api/v1/datasets, and a user's permissions across datasets. */
function isDatasetRoute(path: string): boolean {
  return path === PATHS.datasets || path.startsWith(`${PATHS.datasets}/`) || path === PATHS.userDatasetPermissions;
}

describe.each(await testDialects())('dataset authorization matrix on %s', (dialect) => {
  let fx: AuthFixture;
  let env: MatrixEnvironment;
  let cells = 0;
  let names = 0;

  beforeAll(async () => {
    fx = await createAuthFixture({ dialect });
    const bystander = await fx.createUser('COLLABORATOR', 'bystander');
    // Groups of one: the group mode's grant reaches exactly the cell's user.
    const group = async (name: string, user: FixtureUser): Promise<string> =>
      (await fx.services.groups.create(SYSTEM_ACTOR, { name, users: [user.user.id] })).name;
    const callerGroups = {} as Record<OracleRole, string>;
    for (const role of ORACLE_ROLES) callerGroups[role] = await group(`matrix ${role.toLowerCase()}s`, fx.users[role]);
    env = {
      fx,
      bystander,
      bystanderGroup: await group('matrix bystanders', bystander),
      callerGroups,
      operations: OPERATIONS,
      // A scoped key listing only this dataset finds every cell's dataset invisible (issue 15).
      elsewhere: (await fx.services.datasets.create(SYSTEM_ACTOR, { name: 'matrix elsewhere.' })).name,
      newName: (label) => `matrix ${label} ${++names}.`,
    };
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('covers every dataset route the app registers, and only those', () => {
    const registered = listRegisteredRoutes(fx.app)
      .filter((r) => r.path.startsWith(`${API_PREFIX}/`) && r.method !== 'HEAD' && isDatasetRoute(r.path))
      .map(routeKey);
    const covered = new Set(OPERATIONS.map((o) => routeKey({ method: o.method, path: o.path })));
    expect([...covered].sort()).toEqual([...new Set(registered)].sort());
  });

  it.each(GROUPS)('%s with %s (%s)', { timeout: 120_000 }, async (role, level, mode) => {
    const { cells: ran, failures } = await runMatrixGroup(env, role, level, mode);
    cells += ran;
    expect(failures, failures.join('\n')).toEqual([]);
  });

  it('ran every cell', () => {
    console.log(`authorization matrix on ${dialect}: ${cells} cells`);
    expect(cells).toBe(EXPECTED_CELLS);
  });
});
