// The management functions end to end against a real Teamset server in this process (SQLite), as each role.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isWellFormedApiKey } from '@teamset/contract';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../config/load-config.js';
import { ApiConnection } from '../connection/api-connection.js';
import { connect } from '../connection/connect.js';
import { DatabaseConnection } from '../connection/database-connection.js';
import { testApiConnection } from '../connection/test-api-connection.js';
import {
  AuthenticationError,
  ConfigError,
  ConflictError,
  ConnectionError,
  ForbiddenError,
  NotFoundError,
} from '../errors.js';
import { startTeamsetTestServer, type TeamsetTestServer, type TestUser } from '../test-support/teamset-test-server.js';
import { unusedPort } from '../test-support/http-test-server.js';
import * as management from './default-client.js';
import { ManagementClient } from './management-client.js';

let server: TeamsetTestServer;
let admin: TestUser;
let member: TestUser;
let collaborator: TestUser;
let asAdmin: ManagementClient;

const clientFor = (key: string): ManagementClient =>
  new ManagementClient({ apiUri: server.url, apiKey: key, maxAttempts: 1 });
const noConfigFile = (): string => join(server.dir, 'absent-config.json');

beforeAll(async () => {
  server = await startTeamsetTestServer();
  admin = await server.addUser('admin@example.com', 'ADMIN');
  member = await server.addUser('member@example.com', 'MEMBER');
  collaborator = await server.addUser('collab@example.com', 'COLLABORATOR');
  asAdmin = clientFor(admin.key);
});

afterAll(async () => {
  await server?.close();
});

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('connecting', () => {
  it('testApiConnection works from FIFTYONE_API_URI and FIFTYONE_API_KEY', async () => {
    const me = await testApiConnection({
      env: { FIFTYONE_API_URI: server.url, FIFTYONE_API_KEY: member.key, FIFTYONE_CONFIG_PATH: noConfigFile() },
    });
    expect(me.user.email).toBe('member@example.com');
    expect(me.authMethod).toBe('api_key');
  });

  it('works from config.json, and the module-level functions use it by default', async () => {
    const configPath = join(server.dir, 'config.json');
    writeFileSync(configPath, JSON.stringify({ api_uri: server.url, api_key: collaborator.key }));
    expect(connect({ configPath, env: {} })).toBeInstanceOf(ApiConnection);
    vi.stubEnv('FIFTYONE_CONFIG_PATH', configPath);
    vi.stubEnv('FIFTYONE_API_URI', '');
    vi.stubEnv('FIFTYONE_API_KEY', '');
    expect((await management.whoami()).user.email).toBe('collab@example.com');
  });

  it('explains a rejected key without revealing it', async () => {
    const unknown = await clientFor(admin.key).generateApiKey('short-lived');
    await asAdmin.deleteApiKey((await asAdmin.listApiKeys()).find((k) => k.name === 'short-lived')?.id ?? '');
    const error = await testApiConnection({
      env: { FIFTYONE_API_URI: server.url, FIFTYONE_API_KEY: unknown, FIFTYONE_CONFIG_PATH: noConfigFile() },
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect((error as AuthenticationError).status).toBe(401);
    expect((error as AuthenticationError).requestId).toBeTruthy();
    expect((error as Error).message).toContain(server.url);
    expect((error as Error).message).toContain('FIFTYONE_API_KEY');
    expect((error as Error).message).not.toContain(unknown);
  });

  it('reports an unreachable server as a ConnectionError naming the URI', async () => {
    const uri = `http://127.0.0.1:${await unusedPort()}`;
    const error = await testApiConnection({
      connection: new ApiConnection({ apiUri: uri, apiKey: admin.key, maxAttempts: 1 }),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectionError);
    expect((error as Error).message).toContain(uri);
  });

  it('refuses management over a database connection, saying what to set', async () => {
    const database = connect({
      config: loadConfig({ env: { FIFTYONE_DATABASE_URI: server.databaseUri }, configPath: noConfigFile() }),
    });
    expect(database).toBeInstanceOf(DatabaseConnection);
    await expect(management.listUsers({}, database)).rejects.toThrow(ConfigError);
    await expect(management.whoami(database)).rejects.toThrow(
      'management functions need the API connection: set FIFTYONE_API_URI and FIFTYONE_API_KEY',
    );
    await database.close();
  });
});

describe('users (admin)', () => {
  it('gets a user by id, by email (any case) and by User object; null when there is none', async () => {
    expect((await asAdmin.getUser(member.user.id))?.email).toBe('member@example.com');
    expect((await asAdmin.getUser('MEMBER@example.com'))?.id).toBe(member.user.id);
    expect((await asAdmin.getUser(member.user))?.id).toBe(member.user.id);
    expect(await asAdmin.getUser('nobody@example.com')).toBeNull();
  });

  it('lists users with search and paging', async () => {
    const page = await management.listUsers({ search: 'collab', pageSize: 10 }, asAdmin);
    expect(page.users.map((u) => u.email)).toEqual(['collab@example.com']);
    expect(page).toMatchObject({ total: 1, page: 1, pageSize: 10 });
    const first = await asAdmin.listUsers({ page: 1, pageSize: 1 });
    expect(first.users).toHaveLength(1);
    expect(first.total).toBeGreaterThanOrEqual(3);
  });

  it("sets roles and deletes users; the deleted user's key dies with them", async () => {
    const temp = await server.addUser('temp@example.com', 'COLLABORATOR');
    expect((await management.setUserRole('temp@example.com', 'MEMBER', asAdmin)).role).toBe('MEMBER');
    await management.deleteUser(temp.user, asAdmin);
    expect(await asAdmin.getUser(temp.user.id)).toBeNull();
    await expect(clientFor(temp.key).whoami()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('forbids non-admins', async () => {
    await expect(clientFor(member.key).listUsers()).rejects.toBeInstanceOf(ForbiddenError);
    await expect(clientFor(member.key).setUserRole(member.user, 'ADMIN')).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('locks a user out of the API as soon as they are demoted to guest', async () => {
    const demoted = await server.addUser('demoted@example.com', 'COLLABORATOR');
    await expect(clientFor(demoted.key).whoami()).resolves.toBeTruthy();
    await asAdmin.setUserRole(demoted.user, 'GUEST');
    const error = await clientFor(demoted.key)
      .whoami()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ForbiddenError);
    expect((error as Error).message).toBe('Guests cannot use API keys');
  });
});

describe('invitations (admin)', () => {
  it('sends, lists and deletes an invitation', async () => {
    const created = await management.sendUserInvitation('invitee@example.com', 'MEMBER', asAdmin);
    expect(created.invitation).toMatchObject({ email: 'invitee@example.com', role: 'MEMBER' });
    expect(created.url).toContain(created.token);
    const pending = await management.listPendingInvitations(asAdmin);
    expect(pending.map((i) => i.id)).toContain(created.invitation.id);
    await management.deleteUserInvitation(created.invitation.id, asAdmin);
    expect((await asAdmin.listPendingInvitations()).map((i) => i.id)).not.toContain(created.invitation.id);
  });

  it("re-sending replaces the pending invitation, as FiftyOne's does; { replace: false } refuses and names it", async () => {
    const first = await management.sendUserInvitation('resent@example.com', 'MEMBER', asAdmin);
    const refused = await asAdmin
      .sendUserInvitation('resent@example.com', 'GUEST', { replace: false })
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ConflictError);
    expect(refused).toMatchObject({
      code: 'INVITATION_PENDING',
      details: { pending: { id: first.invitation.id, role: 'MEMBER' } },
    });
    const second = await management.sendUserInvitation('resent@example.com', 'GUEST', asAdmin);
    const pending = (await asAdmin.listPendingInvitations()).map((i) => i.id);
    expect(pending).toContain(second.invitation.id);
    expect(pending).not.toContain(first.invitation.id);
  });
});

describe('API keys', () => {
  it('generates your own key, which then works, and lists keys without secrets', async () => {
    const key = await management.generateApiKey('laptop', undefined, undefined, clientFor(member.key));
    expect(isWellFormedApiKey(key)).toBe(true);
    expect((await clientFor(key).whoami()).user.id).toBe(member.user.id);
    const keys = await clientFor(member.key).listApiKeys();
    const laptop = keys.find((k) => k.name === 'laptop');
    expect(laptop).toMatchObject({ userId: member.user.id, prefix: key.slice(4, 12), expiresAt: null });
    expect(JSON.stringify(keys)).not.toContain(key);
    expect(JSON.stringify(keys)).not.toContain(member.key);
  });

  it("lets an admin generate, list and delete another user's key; deletion revokes at once", async () => {
    const key = await management.generateApiKey('ci', 'collab@example.com', {}, asAdmin);
    const listed = await management.listApiKeys(collaborator.user, asAdmin);
    const record = listed.find((k) => k.name === 'ci');
    expect(record?.userId).toBe(collaborator.user.id);
    await management.deleteApiKey(record?.id ?? '', 'collab@example.com', asAdmin);
    await expect(clientFor(key).whoami()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('refuses to delete a key under the wrong user', async () => {
    const [adminKey] = await asAdmin.listApiKeys();
    await expect(asAdmin.deleteApiKey(adminKey?.id ?? '', member.user)).rejects.toBeInstanceOf(NotFoundError);
    expect((await asAdmin.listApiKeys()).map((k) => k.id)).toContain(adminKey?.id);
  });

  it('stops accepting a key once it expires', async () => {
    const key = await clientFor(member.key).generateApiKey('brief', undefined, { expiresInSeconds: 1 });
    await expect(clientFor(key).whoami()).resolves.toBeTruthy();
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    await expect(clientFor(key).whoami()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('rotates a key: the new secret and, through its grace, the old one work; the list shows both', async () => {
    const created = await clientFor(member.key).createApiKey('rotating');
    const rotated = await management.rotateApiKey(created.apiKey.id, undefined, clientFor(member.key));
    expect(rotated.apiKey.id).toBe(created.apiKey.id);
    expect((await clientFor(rotated.key).whoami()).user.id).toBe(member.user.id);
    expect((await clientFor(created.key).whoami()).user.id).toBe(member.user.id);
    const listed = (await clientFor(member.key).listApiKeys()).find((k) => k.id === created.apiKey.id);
    expect(listed?.prefix).toBe(rotated.key.slice(4, 12));
    expect(listed?.previousSecrets.map((p) => p.prefix)).toEqual([created.key.slice(4, 12)]);

    // An admin rotates it again with no grace: the secret it replaced stops at once.
    const again = await asAdmin.rotateApiKey(created.apiKey.id, { graceSeconds: 0 });
    await expect(clientFor(rotated.key).whoami()).rejects.toBeInstanceOf(AuthenticationError);
    expect((await clientFor(again.key).whoami()).user.id).toBe(member.user.id);
    await expect(clientFor(collaborator.key).rotateApiKey(created.apiKey.id)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('generates a scoped key: whoami and the list show its scope, and it reaches only what the scope allows', async () => {
    const birds = await clientFor(member.key).createDatasetRecord({ name: 'sdk scoped birds' });
    const cars = await clientFor(member.key).createDatasetRecord({ name: 'sdk scoped cars' });
    const created = await clientFor(member.key).createApiKey('ci', undefined, {
      maxPermission: 'VIEW',
      datasets: [birds.name],
      readOnlyManagement: true,
    });
    const scope = { maxPermission: 'VIEW', datasets: [{ id: birds.id, name: birds.name }], readOnlyManagement: true };
    expect(created.apiKey.scope).toEqual(scope);
    expect((await clientFor(created.key).whoami()).apiKeyScope).toEqual(scope);
    expect((await clientFor(member.key).listApiKeys()).find((k) => k.id === created.apiKey.id)?.scope).toEqual(scope);
    expect((await clientFor(created.key).getDatasetRecord(birds.name)).permission).toBe('VIEW');
    await expect(clientFor(created.key).getDatasetRecord(cars.name)).rejects.toBeInstanceOf(NotFoundError);
    await expect(clientFor(created.key).generateApiKey('more')).rejects.toBeInstanceOf(ForbiddenError);
    // An unscoped key, as FiftyOne makes them, says so.
    expect((await clientFor(member.key).whoami()).apiKeyScope).toEqual({
      maxPermission: null,
      datasets: null,
      readOnlyManagement: false,
    });
  });

  it('lists a key reported as leaked with why it was revoked', async () => {
    const created = await clientFor(member.key).createApiKey('leaked');
    const response = await fetch(`${server.url}/api/v1/keys/revoke-leaked`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ keys: [created.key] }),
    });
    expect(response.status).toBe(202);
    let listed = (await clientFor(member.key).listApiKeys()).find((k) => k.id === created.apiKey.id);
    for (let i = 0; i < 100 && listed?.revokedAt === null; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      listed = (await clientFor(member.key).listApiKeys()).find((k) => k.id === created.apiKey.id);
    }
    expect(listed).toMatchObject({ revokedReason: 'reported as leaked' });
    await expect(clientFor(created.key).whoami()).rejects.toBeInstanceOf(AuthenticationError);
  });

  it("forbids non-admins to touch other users' keys", async () => {
    await expect(clientFor(member.key).listApiKeys(collaborator.user)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(clientFor(member.key).generateApiKey('x', collaborator.user)).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('organization settings (admin)', () => {
  it('reads and changes only the given settings', async () => {
    const before = await management.getOrganizationSettings(asAdmin);
    const after = await management.setOrganizationSettings({ defaultUserRole: 'COLLABORATOR' }, asAdmin);
    expect(after).toEqual({ ...before, defaultUserRole: 'COLLABORATOR' });
    await expect(clientFor(member.key).setOrganizationSettings({ defaultUserRole: 'ADMIN' })).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    await asAdmin.setOrganizationSettings(before);
  });

  it('lists and replaces the media roots, stored as realpaths, and refuses bad ones and non-admins', async () => {
    const root = mkdtempSync(join(tmpdir(), 'teamset-sdk-media-'));
    mkdirSync(join(root, 'sub'));
    try {
      expect(await management.listMediaRoots(asAdmin)).toEqual([]);
      const set = await management.setMediaRoots([`${root}/sub/..`], asAdmin);
      expect(set).toEqual([{ path: realpathSync(root), source: 'organization', available: true }]);
      expect(await asAdmin.listMediaRoots()).toEqual(set);
      await expect(asAdmin.setMediaRoots([root, 'relative/dir'])).rejects.toThrow(/^“.*” is not an absolute path/);
      await expect(clientFor(member.key).listMediaRoots()).rejects.toBeInstanceOf(ForbiddenError);
      await expect(clientFor(member.key).setMediaRoots([])).rejects.toBeInstanceOf(ForbiddenError);
      expect(await asAdmin.setMediaRoots([])).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});
