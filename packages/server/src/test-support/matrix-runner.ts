// Runs one group of authorization-matrix cells — a (role, level, grant mode) over both credentials and every endpoint — against the oracle.
import { SYSTEM_ACTOR } from '@teamset/core';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { keyHeaders, sessionHeaders, type AuthFixture, type FixtureUser } from './auth-fixture.js';
import {
  CREDENTIALS,
  CREDENTIAL_SCOPES,
  cellSetup,
  effectiveLevel,
  expectedOutcome,
  grantIsRefused,
  scopedLevel,
  type Cell,
  type Credential,
  type GrantMode,
  type OracleLevel,
  type OracleRole,
  type Outcome,
} from './dataset-access-oracle.js';
import { expectError } from './http-assertions.js';
import type { CellContext, MatrixDataset, MatrixOperation } from './matrix-operation.js';
import { seedMatrixDataset, snapshotDataset } from './matrix-seed.js';

export interface MatrixEnvironment {
  fx: AuthFixture;
  bystander: FixtureUser;
  bystanderGroup: string;
  /** Per role, a group whose only member is that role's fixture user (the group grant mode's way in). */
  callerGroups: Record<OracleRole, string>;
  operations: readonly MatrixOperation[];
  /** A dataset other than the cell's, for the key whose list does not name the cell's dataset. */
  elsewhere: string;
  /** A unique dataset name; names end in a fixed suffix so no name is a substring of another (listings search by name). */
  newName(label: string): string;
}

/** Cells in flight at once within a group. */
const CELL_CONCURRENCY = 8;

/** Runs the tasks, at most `limit` at a time; results in task order. */
async function runLimited<T>(tasks: ReadonlyArray<() => Promise<T>>, limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(tasks.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < tasks.length) {
      const index = next++;
      results[index] = await (tasks[index] as () => Promise<T>)();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
  return results;
}

export interface GroupResult {
  cells: number;
  /** One line per failed cell: which cell, what the oracle expected, what happened. */
  failures: string[];
}

async function checkCell(
  operation: MatrixOperation,
  outcome: Outcome,
  ctx: CellContext,
  response: LightMyRequestResponse,
): Promise<void> {
  if (!outcome.allowed) {
    const error = expectError(response, outcome.status, outcome.code);
    if (outcome.message !== undefined) expect(error.message).toBe(outcome.message);
    if (outcome.details !== undefined) expect(error.details).toEqual(outcome.details);
    return;
  }
  expect(response.statusCode, response.body.slice(0, 500)).toBe(operation.status);
  await operation.verify(ctx, response);
}

/**
 * The key a cell's request carries: the caller's fixture key, or for a scoped credential a key made for the cell's
 * dataset. A guest cannot be given a new key; theirs is refused whatever its scope, so the fixture key stands in.
 */
async function keyFor(
  env: MatrixEnvironment,
  caller: FixtureUser,
  credential: Credential,
  dataset: string,
): Promise<string> {
  const scope = CREDENTIAL_SCOPES[credential];
  if (!scope || caller.user.role === 'GUEST') return caller.key;
  const created = await env.fx.services.keys.generate(SYSTEM_ACTOR, {
    name: `matrix ${credential}`,
    user: caller.user.id,
    ...(scope.maxPermission ? { maxPermission: scope.maxPermission } : {}),
    ...(scope.listsDataset !== undefined ? { datasets: [scope.listsDataset ? dataset : env.elsewhere] } : {}),
    ...(scope.readOnlyManagement ? { readOnlyManagement: true } : {}),
  });
  return created.key;
}

function describeCell(operation: MatrixOperation, cell: Cell, outcome: Outcome): string {
  const expected = outcome.allowed ? `${operation.status}` : `${outcome.status}`;
  const how = { grant: 'granted', default: 'by default', group: 'via group' }[cell.mode];
  return `${cell.role} ${how} ${cell.level} (effective ${outcome.level}) via ${cell.credential} → ${operation.name}: expected ${expected}`;
}

/**
 * Cells expected to be refused, and allowed reads, share one seeded dataset; afterwards it must be exactly as seeded
 * (a refused write that changed anything fails the group). An allowed write gets a dataset of its own.
 */
export async function runMatrixGroup(
  env: MatrixEnvironment,
  role: OracleRole,
  level: OracleLevel,
  mode: GrantMode,
): Promise<GroupResult> {
  const { fx, bystander, bystanderGroup } = env;
  const caller = fx.users[role];
  const setup = cellSetup(role, level, mode);
  const seed = (label: string): Promise<MatrixDataset> =>
    seedMatrixDataset(fx.services, {
      name: env.newName(label),
      ...setup,
      ...(mode === 'grant' && grantIsRefused(role, level) ? { refusedGrant: level } : {}),
      caller,
      callerGroup: env.callerGroups[role],
      bystander,
      bystanderGroup,
    });
  const shared = await seed('shared');
  const before = await snapshotDataset(fx.services, shared.name);
  const session = await fx.newSession(role);
  const effective = effectiveLevel(role, level, mode);
  /** One scoped key per credential on the shared dataset; an allowed write's own dataset gets its own key. */
  const sharedKeys = new Map<Credential, Promise<string>>();
  const headersFor = async (credential: Credential, dataset: MatrixDataset): Promise<Record<string, string>> => {
    if (credential === 'session') return sessionHeaders(session);
    if (dataset !== shared) return keyHeaders(await keyFor(env, caller, credential, dataset.name));
    let key = sharedKeys.get(credential);
    if (!key) sharedKeys.set(credential, (key = keyFor(env, caller, credential, dataset.name)));
    return keyHeaders(await key);
  };

  const runCell = async (credential: Credential, operation: MatrixOperation): Promise<string | undefined> => {
    const cell: Cell = { role, level, mode, credential };
    const outcome = expectedOutcome(operation.requirement, cell);
    const dataset = outcome.allowed && operation.mutates ? await seed(operation.name) : shared;
    const ctx: CellContext = {
      services: fx.services,
      dataset,
      caller,
      bystander,
      bystanderGroup,
      level: scopedLevel(effective, credential),
      newName: env.newName,
    };
    const { url, payload } = operation.request(ctx);
    const headers = await headersFor(credential, dataset);
    const response = await fx.inject({
      method: operation.method,
      url,
      headers,
      ...(payload !== undefined ? { payload } : {}),
    });
    try {
      await checkCell(operation, outcome, ctx, response);
      return undefined;
    } catch (error) {
      return `${describeCell(operation, cell, outcome)}, got ${response.statusCode} ${response.body.slice(0, 300)}\n    ${String(
        (error as Error).message,
      )
        .split('\n')
        .slice(0, 6)
        .join('\n    ')}`;
    }
  };

  // Cells are independent (own datasets for allowed writes, the shared one only read or refused), so they run
  // several at a time: on PostgreSQL most of a cell is waiting on the database.
  const cells = CREDENTIALS.flatMap((credential) =>
    env.operations.map((operation) => () => runCell(credential, operation)),
  );
  const failures = (await runLimited(cells, CELL_CONCURRENCY)).filter((f): f is string => f !== undefined);
  try {
    expect(
      await snapshotDataset(fx.services, shared.name),
      'refused requests and reads must leave the shared dataset as seeded',
    ).toEqual(before);
  } catch (error) {
    failures.push(
      `${role} ${mode} ${level}: shared dataset changed\n    ${String((error as Error).message).slice(0, 1500)}`,
    );
  }
  return { cells: cells.length, failures };
}
