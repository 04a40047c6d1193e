// HTTP test fixture: services over a temp database, the app, one user per role with password and key, bad keys and sessions.
import { randomBytes, randomInt } from 'node:crypto';
import type { Writable } from 'node:stream';
import {
  API_KEY_HEADER,
  BASE62_ALPHABET,
  CSRF_HEADER,
  SESSION_COOKIE,
  formatApiKey,
  type Role,
  type User,
} from '@teamset/contract';
import { SYSTEM_ACTOR, createServices, type Services } from '@teamset/core';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { createTestDatabase, type TestDatabase, type TestDialect } from '@teamset/core/testing';
import { buildApp, type AppOptions } from '../app.js';
import type { FailedAuthLimiterOptions } from '../auth/failed-auth-limiter.js';
import type { LeakReportBudget } from '../auth/leak-report-limiter.js';

/** So many failures are allowed that no suite trips the limiter by accident; rate-limit tests pass their own. */
export const UNLIMITED_FAILED_AUTH: FailedAuthLimiterOptions = { maxFailures: 1_000_000, windowMs: 60_000 };

export interface TestAppOptions {
  /** SQLite (default) is enough for HTTP behaviour; the fuzz suite also runs on PostgreSQL where available. */
  dialect?: TestDialect;
  failedAuthLimit?: FailedAuthLimiterOptions;
  /** Leak reports per address (default: unlimited, as for failed auth; the rate-limit test passes its own). */
  leakReportLimit?: LeakReportBudget;
  logLevel?: string | false;
  logStream?: Writable;
  trustProxy?: boolean;
  publicUrl?: string;
  /** The view-query budget (core's default is 30 s); tests of QUERY_TIMEOUT set a tiny one. */
  queryTimeoutMs?: number;
  graphqlLimits?: AppOptions['graphqlLimits'];
}

export interface TestApp {
  app: FastifyInstance;
  services: Services;
  tdb: TestDatabase;
  inject(options: InjectOptions): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

/** A browser-style session: the cookie header to send and the CSRF token to echo. */
export interface TestSession {
  token: string;
  csrfToken: string;
  cookie: string;
}

export interface FixtureUser {
  user: User;
  email: string;
  password: string;
  /** Created while the user could hold keys (the GUEST's was made before the demotion). */
  key: string;
  keyId: string;
}

export interface AuthFixture extends TestApp {
  users: Record<Role, FixtureUser>;
  keys: {
    /** Wrong shape or checksum: rejected before any database read. */
    malformed: readonly string[];
    /** Well-formed, checksum right, never issued. */
    unknown: string;
    deleted: string;
    expired: string;
    /** Belongs to a user demoted to GUEST after creating it. */
    guest: string;
  };
  /** The admin, signed in through POST /api/v1/auth/login. */
  adminSession: TestSession;
  /** A session whose expiry is in the past. */
  expiredSession: TestSession;
  /** A fresh session for the role's user, without the password round trip (safe to sign out). */
  newSession(role: Role): Promise<TestSession>;
  /** Signs in over HTTP and returns the session from the response's cookies. */
  signIn(email: string, password: string): Promise<TestSession>;
  /** An extra user (for tests that demote or delete someone), with password and, when the role allows, a key. */
  createUser(role: Role, label?: string): Promise<FixtureUser>;
}

/** 32 random base62 characters: the random part of a key. */
export function randomKeyBody(): string {
  let out = '';
  for (let i = 0; i < 32; i++) out += BASE62_ALPHABET[randomInt(62)];
  return out;
}

/** A distinctive secret per call, so a leak search cannot match anything else by chance. */
export function uniquePassword(label: string): string {
  return `pw-${label}-${randomBytes(9).toString('base64url')}`;
}

export function keyHeaders(key: string): Record<string, string> {
  return { [API_KEY_HEADER]: key };
}

export function bearerHeaders(key: string): Record<string, string> {
  return { authorization: `Bearer ${key}` };
}

export function sessionHeaders(session: TestSession, options: { csrf?: boolean } = {}): Record<string, string> {
  return { cookie: session.cookie, ...(options.csrf === false ? {} : { [CSRF_HEADER]: session.csrfToken }) };
}

export function sessionOf(token: string, csrfToken: string): TestSession {
  return { token, csrfToken, cookie: `${SESSION_COOKIE}=${token}` };
}

/** Reads the session cookie and CSRF token off a sign-in, setup or invitation-accept response. */
export function sessionFromResponse(response: LightMyRequestResponse): TestSession {
  const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
  const body = response.json<{ csrfToken?: string }>();
  if (!cookie || typeof body.csrfToken !== 'string')
    throw new Error(`no session in response ${response.statusCode}: ${response.body}`);
  return sessionOf(cookie.value, body.csrfToken);
}

/** Services and app over a fresh database (SQLite unless told), with no users (first-run state). */
export async function createTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const tdb = await createTestDatabase(options.dialect ?? 'sqlite');
  let services: Services;
  try {
    services = await createServices({
      databaseUri: tdb.uri,
      ...(options.queryTimeoutMs !== undefined ? { queryTimeoutMs: options.queryTimeoutMs } : {}),
    });
  } catch (error) {
    await tdb.drop();
    throw error;
  }
  const appOptions: AppOptions = {
    services,
    logLevel: options.logLevel ?? false,
    failedAuthLimit: options.failedAuthLimit ?? UNLIMITED_FAILED_AUTH,
    leakReportLimit: options.leakReportLimit ?? { maxReports: 1_000_000, windowMs: 60_000 },
    ...(options.logStream ? { logStream: options.logStream } : {}),
    ...(options.trustProxy !== undefined ? { trustProxy: options.trustProxy } : {}),
    ...(options.publicUrl ? { publicUrl: options.publicUrl } : {}),
    ...(options.graphqlLimits ? { graphqlLimits: options.graphqlLimits } : {}),
  };
  const app = await buildApp(appOptions);
  await app.ready();
  return {
    app,
    services,
    tdb,
    inject: (injectOptions) => app.inject(injectOptions),
    async close() {
      await app.close();
      await services.close();
      await tdb.drop();
    },
  };
}

let userSeq = 0;

async function makeUser(services: Services, role: Role, label: string): Promise<FixtureUser> {
  userSeq += 1;
  const email = `${label}-${userSeq}@example.com`;
  const password = uniquePassword(label);
  // Keys need COLLABORATOR or above: a GUEST gets theirs first, then is demoted (docs/design.md §2: they keep the record).
  const keyRole: Role = role === 'GUEST' ? 'COLLABORATOR' : role;
  const user = await services.users.create(SYSTEM_ACTOR, {
    email,
    name: `${label} ${role.toLowerCase()}`,
    role: keyRole,
    password,
  });
  const { key, apiKey } = await services.keys.generate(SYSTEM_ACTOR, { name: `${label}-key`, user: user.id });
  const final = role === keyRole ? user : await services.users.setRole(SYSTEM_ACTOR, user.id, role);
  return { user: final, email, password, key, keyId: apiKey.id };
}

export async function createAuthFixture(options: TestAppOptions = {}): Promise<AuthFixture> {
  const base = await createTestApp(options);
  const { services, app } = base;
  try {
    const users = {
      ADMIN: await makeUser(services, 'ADMIN', 'admin'),
      MEMBER: await makeUser(services, 'MEMBER', 'member'),
      COLLABORATOR: await makeUser(services, 'COLLABORATOR', 'collaborator'),
      GUEST: await makeUser(services, 'GUEST', 'guest'),
    } satisfies Record<Role, FixtureUser>;

    const deleted = await services.keys.generate(SYSTEM_ACTOR, { name: 'deleted', user: users.MEMBER.user.id });
    await services.keys.delete(SYSTEM_ACTOR, deleted.apiKey.id);

    // Never used before its expiry is moved into the past, so no cache holds the old expiry.
    const expired = await services.keys.generate(SYSTEM_ACTOR, {
      name: 'expired',
      user: users.MEMBER.user.id,
      expiresInSeconds: 3600,
    });
    await services.database.db
      .updateTable('api_keys')
      .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
      .where('id', '=', expired.apiKey.id)
      .execute();

    const unknown = formatApiKey(randomKeyBody());
    const valid = users.ADMIN.key;
    const wrongChecksum = valid.slice(0, -1) + (valid.endsWith('A') ? 'B' : 'A');
    const malformed = ['not-a-key', 'tsk_short', wrongChecksum, `${valid}x`, valid.replace('tsk_', 'tsx_')];

    const newSession = async (role: Role): Promise<TestSession> => {
      const created = await services.sessions.create(users[role].user, '127.0.0.1', 'vitest');
      return sessionOf(created.token, created.csrfToken);
    };
    const signIn = async (email: string, password: string): Promise<TestSession> => {
      const response = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
      if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
      return sessionFromResponse(response);
    };

    const expiredSession = await newSession('ADMIN');
    await services.database.db
      .updateTable('sessions')
      .set({ expires_at: new Date(Date.now() - 60_000).toISOString() })
      .where('user_id', '=', users.ADMIN.user.id)
      .execute();
    const adminSession = await signIn(users.ADMIN.email, users.ADMIN.password);

    return {
      ...base,
      users,
      keys: { malformed, unknown, deleted: deleted.key, expired: expired.key, guest: users.GUEST.key },
      adminSession,
      expiredSession,
      newSession,
      signIn,
      createUser: (role, label = 'extra') => makeUser(services, role, label),
    };
  } catch (error) {
    await base.close();
    throw error;
  }
}
