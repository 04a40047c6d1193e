// Identity fixtures for core tests: services over a fresh test database, a seeded team and actors for its members.
import { ERROR_HTTP_STATUS, type Role, type User } from '@teamset/contract';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Actor } from '../actor.js';
import { SYSTEM_ACTOR } from '../actor.js';
import { AppError } from '../errors/app-error.js';
import { createServices, type CoreConfig, type Services } from '../services.js';
import { createTestDatabase, type TestDatabase, type TestDialect } from './test-databases.js';

export interface TestServices {
  tdb: TestDatabase;
  services: Services;
  /** Extra service sets opened on the same database (another "server"); closed with the main one. */
  openAnother(config?: Omit<CoreConfig, 'databaseUri'>): Promise<Services>;
  close(): Promise<void>;
}

/** A fresh database of the dialect with every core service over it; `close` shuts services and drops the database. */
export async function createTestServices(
  dialect: TestDialect,
  config: Omit<CoreConfig, 'databaseUri'> = {},
): Promise<TestServices> {
  const tdb = await createTestDatabase(dialect);
  const opened: Services[] = [];
  const open = async (extra: Omit<CoreConfig, 'databaseUri'>): Promise<Services> => {
    const services = await createServices({ ...extra, databaseUri: tdb.uri });
    opened.push(services);
    return services;
  };
  const services = await open(config);
  return {
    tdb,
    services,
    openAnother: open,
    async close() {
      for (const s of opened.reverse()) await s.close();
      await tdb.drop();
    },
  };
}

/** Acts as the user, as an authenticated request would (role as given; refresh with `actorFor` after a change). */
export function actorFor(user: User, via: 'api_key' | 'session' = 'session'): Actor {
  return { kind: 'user', user, via, keyId: null, ip: '203.0.113.7' };
}

export interface Team {
  admin: User;
  member: User;
  collaborator: User;
  guest: User;
  as: Record<'admin' | 'member' | 'collaborator' | 'guest', Actor>;
}

let seq = 0;

/** A unique email per call, so tests in one suite never collide. */
export function uniqueEmail(label: string): string {
  seq += 1;
  return `${label}-${seq}-${Date.now().toString(36)}@example.com`;
}

/** A unique dataset or group name per call, so tests in one suite never collide. */
export function uniqueName(label: string): string {
  seq += 1;
  return `${label} ${seq} ${Date.now().toString(36)}`;
}

/** A user of the role made by the system actor, named and mailed after `label` (no password: hashing is slow). */
export function makeUser(services: Services, role: Role, label = 'user'): Promise<User> {
  return services.users.create(SYSTEM_ACTOR, {
    email: uniqueEmail(`${label}-${role.toLowerCase()}`),
    name: `${label} ${role}`,
    role,
  });
}

/** Creates one user of each role through the system actor. */
export async function seedTeam(services: Services, label = 'team'): Promise<Team> {
  const admin = await makeUser(services, 'ADMIN', label);
  const member = await makeUser(services, 'MEMBER', label);
  const collaborator = await makeUser(services, 'COLLABORATOR', label);
  const guest = await makeUser(services, 'GUEST', label);
  return {
    admin,
    member,
    collaborator,
    guest,
    as: {
      admin: actorFor(admin),
      member: actorFor(member),
      collaborator: actorFor(collaborator),
      guest: actorFor(guest),
    },
  };
}

/** Fresh test services and a team seeded on them. */
export interface TeamServices {
  ctx: TestServices;
  services: Services;
  team: Team;
}

/**
 * Opens test services over a fresh database of the dialect and seeds a team (emails labelled `label`) before the
 * suite's tests, and closes them after, also when a later setup step fails. `onOpen` gets them, usually to set the
 * suite's `services` and `team`; a suite's own `beforeAll` hooks registered after this call run after it.
 */
export function useTeamServices(
  dialect: TestDialect,
  onOpen: (opened: TeamServices) => void,
  options: { config?: Omit<CoreConfig, 'databaseUri'>; label?: string } = {},
): void {
  let ctx: TestServices | undefined;
  beforeAll(async () => {
    ctx = await createTestServices(dialect, options.config);
    onOpen({ ctx, services: ctx.services, team: await seedTeam(ctx.services, options.label) });
  });
  afterAll(async () => {
    await ctx?.close();
  });
}

/** Asserts the promise rejects with an AppError of the code (and message, when given), returning it. */
export async function expectAppError(
  promise: Promise<unknown>,
  code: AppError['code'],
  message?: string | RegExp,
): Promise<AppError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught, `expected an AppError ${code}`).toBeInstanceOf(AppError);
  const error = caught as AppError;
  expect(error.code).toBe(code);
  if (typeof message === 'string') expect(error.message).toBe(message);
  else if (message) expect(error.message).toMatch(message);
  return error;
}

/** Polls until the check passes or the deadline passes (short intervals, never one long sleep). */
export async function pollUntil(check: () => Promise<boolean>, timeoutMs: number, intervalMs = 20): Promise<number> {
  const start = Date.now();
  for (;;) {
    if (await check()) return Date.now() - start;
    if (Date.now() - start > timeoutMs) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** The HTTP status a server would answer for this key: 200, or the AppError's. */
export async function keyStatus(services: Services, key: string): Promise<number> {
  try {
    await services.keyVerifier.verify(key);
    return 200;
  } catch (error) {
    if (error instanceof AppError) return ERROR_HTTP_STATUS[error.code];
    throw error;
  }
}

/** Two service sets ("servers") on one fresh database, told of each other's auth changes within 50 ms, and a team. */
export interface TwoServers {
  a: Services;
  b: Services;
  team: Team;
}

/** Opens `TwoServers` before the suite's tests and closes them after; its fields are set once they are open. */
export function useTwoServers(dialect: TestDialect): TwoServers {
  const servers = {} as TwoServers;
  let ctx: TestServices | undefined;
  beforeAll(async () => {
    ctx = await createTestServices(dialect, { authEventPollMs: 50 });
    servers.a = ctx.services;
    servers.b = await ctx.openAnother({ authEventPollMs: 50 });
    servers.team = await seedTeam(servers.a);
  });
  afterAll(async () => {
    await ctx?.close();
  });
  return servers;
}
