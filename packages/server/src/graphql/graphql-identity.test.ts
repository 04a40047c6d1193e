// FiftyOne's management client against /graphql/v1: connection test, whoami, users, invitations, roles, API keys,
// organization settings and the error contract — each sent as the Python client sends it (see fiftyone-replay.ts).
import { SYSTEM_ACTOR } from '@teamset/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAuthFixture, type AuthFixture } from '../test-support/auth-fixture.js';
import { FIFTYONE_DOCUMENTS as DOC, FiftyOneReplayClient, ReplayError } from '../test-support/fiftyone-replay.js';

const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}\+00:00$/;
const API_URI = 'http://teamset.test:8000';

/** Runs the call and returns what the client would raise, failing if it raises nothing. */
async function raised(call: Promise<unknown>): Promise<ReplayError> {
  const error = await call.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, 'expected the client to raise').toBeInstanceOf(ReplayError);
  return error as ReplayError;
}

describe('FiftyOne management client over /graphql/v1: identity', () => {
  let fx: AuthFixture;
  let admin: FiftyOneReplayClient;
  let member: FiftyOneReplayClient;
  const client = (key: string, uri = API_URI) => new FiftyOneReplayClient(fx.app, uri, key);

  beforeAll(async () => {
    fx = await createAuthFixture();
    admin = client(fx.users.ADMIN.key);
    member = client(fx.users.MEMBER.key);
  });
  afterAll(async () => {
    await fx?.close();
  });

  describe('connection', () => {
    it('test_api_connection passes with or without a trailing slash on the API URI', async () => {
      await admin.testApiConnection();
      await client(fx.users.MEMBER.key, `${API_URI}/`).testApiConnection();
    });

    it('answers the double-slash spellings a client joining uri + "/graphql/v1" produces', async () => {
      for (const url of ['//graphql/v1', '/graphql/v1']) {
        const response = await fx.inject({
          method: 'POST',
          url,
          headers: { 'x-api-key': fx.users.ADMIN.key, 'content-type': 'application/json' },
          payload: JSON.stringify({ query: DOC.connectionTest, variables: null }),
        });
        expect(response.statusCode, url).toBe(200);
        expect(response.json()).toEqual({ data: { viewer: { id: fx.users.ADMIN.user.id } } });
      }
      const health = await fx.inject({ method: 'GET', url: '//health' });
      expect([health.statusCode, health.json()]).toEqual([200, { status: 'available' }]);
    });

    it('a success has exactly {"data"}: no errors key, no extensions; the answer is not cacheable', async () => {
      const { body, raw } = await admin.send('POST', 'graphql/v1', { query: DOC.viewer, variables: null });
      expect(Object.keys(body)).toEqual(['data']);
      expect(raw.headers['content-type']).toMatch(/^application\/json/);
      expect(raw.headers['cache-control']).toBe('no-store');
    });
  });

  describe('users', () => {
    it('whoami returns exactly the selected fields of the key’s user', async () => {
      const data = await member.graphql<{ viewer: Record<string, unknown> }>(DOC.viewer);
      const me = fx.users.MEMBER.user;
      expect(data.viewer).toStrictEqual({ id: me.id, name: me.name, email: me.email, role: 'MEMBER' });
    });

    it('get_user takes an id or an email and answers null (not an error) for an unknown user', async () => {
      const target = fx.users.COLLABORATOR.user;
      const expected = { id: target.id, name: target.name, email: target.email, role: 'COLLABORATOR' };
      expect((await admin.graphql(DOC.getUser, { userId: target.id })).user).toStrictEqual(expected);
      expect((await admin.graphql(DOC.getUser, { userId: target.email.toUpperCase() })).user).toStrictEqual(expected);
      expect(await admin.graphql(DOC.getUser, { userId: 'nobody@example.com' })).toStrictEqual({ user: null });
      expect(await admin.graphql(DOC.getUser, { userId: '000000000000000000000000' })).toStrictEqual({ user: null });
      // Everyone may look themselves up; only admins anyone else.
      expect(((await member.graphql(DOC.getUser, { userId: fx.users.MEMBER.email })).user as { id: string }).id).toBe(
        fx.users.MEMBER.user.id,
      );
      expect((await raised(member.graphql(DOC.getUser, { userId: target.id }))).message).toMatch(/Only admins/);
    });

    it('list_users pages 25 at a time through every user once, in a stable order, taking endCursor verbatim', async () => {
      for (let i = 0; i < 31; i++) await fx.createUser(i % 2 === 0 ? 'GUEST' : 'COLLABORATOR', `paged${i}`);
      const pages: Array<{ hasNextPage: boolean; endCursor: string | null; count: number }> = [];
      const nodes: Array<Record<string, unknown>> = [];
      let after: string | null = null;
      for (;;) {
        const data: {
          usersConnection: {
            pageInfo: { hasNextPage: boolean; endCursor: string | null };
            edges: Array<{ node: Record<string, unknown> }>;
          };
        } = await admin.graphql(DOC.listUsers, { after });
        const { pageInfo, edges } = data.usersConnection;
        expect(Object.keys(data.usersConnection).sort()).toEqual(['edges', 'pageInfo']);
        expect(Object.keys(pageInfo).sort()).toEqual(['endCursor', 'hasNextPage']);
        pages.push({ ...pageInfo, count: edges.length });
        nodes.push(...edges.map((e) => e.node));
        if (!pageInfo.hasNextPage) break;
        after = pageInfo.endCursor;
      }
      const everyone = (await fx.services.users.list({ kind: 'system', ip: null }, { pageSize: 200 })).users;
      expect(everyone.length).toBeGreaterThan(25);
      expect(pages.map((p) => p.count)).toEqual([25, everyone.length - 25]);
      expect(nodes).toStrictEqual(everyone.map((u) => ({ id: u.id, name: u.name, email: u.email, role: u.role })));
      // The connection helper (variables {"after": null} first) sees the same, and again the same on a second run.
      expect(await admin.graphqlConnection(DOC.listUsers, 'usersConnection')).toStrictEqual(nodes);
      await raised(member.graphqlConnection(DOC.listUsers, 'usersConnection'));
    });

    it('set_user_role changes the role; a role outside the enum is an error answer, not a 4xx', async () => {
      const extra = await fx.createUser('GUEST', 'promoted');
      expect(await admin.graphql(DOC.setUserRole, { userId: extra.user.id, role: 'MEMBER' })).toStrictEqual({
        setUserRole: { id: extra.user.id },
      });
      expect(((await admin.graphql(DOC.getUser, { userId: extra.email })).user as { role: string }).role).toBe(
        'MEMBER',
      );
      for (const role of ['OWNER', 'member', 'Admin']) {
        const response = await admin.send('POST', 'graphql/v1', {
          query: DOC.setUserRole,
          variables: { userId: extra.user.id, role },
        });
        expect(response.status).toBe(200);
        expect(response.body.errors).toEqual([
          expect.objectContaining({ message: expect.stringContaining('UserRole') as unknown }),
        ]);
        expect('data' in response.body).toBe(false);
      }
      expect((await raised(member.graphql(DOC.setUserRole, { userId: extra.user.id, role: 'ADMIN' }))).kind).toBe(
        'graphql',
      );
    });

    it('delete_user removes the user: get_user answers null and list_users no longer has them', async () => {
      const leaving = await fx.createUser('COLLABORATOR', 'leaving');
      expect(await admin.graphql(DOC.deleteUser, { userId: leaving.user.id })).toStrictEqual({ removeUser: true });
      expect(await admin.graphql(DOC.getUser, { userId: leaving.email })).toStrictEqual({ user: null });
      const ids = (await admin.graphqlConnection<{ id: string }>(DOC.listUsers, 'usersConnection')).map((u) => u.id);
      expect(ids).not.toContain(leaving.user.id);
      // Their key went with them.
      expect((await raised(client(leaving.key).graphql(DOC.viewer))).kind).toBe('authentication');
      expect((await raised(admin.graphql(DOC.deleteUser, { userId: leaving.user.id }))).message).toMatch(/No user/);
    });
  });

  describe('invitations', () => {
    it('send, list (exact fields, FiftyOne timestamps, url null when listed) and revoke', async () => {
      const sent = await admin.graphql<{ sendUserInvitation: { id: string } }>(DOC.sendInvitation, {
        email: 'Invitee.One@Example.com',
        role: 'COLLABORATOR',
      });
      expect(Object.keys(sent.sendUserInvitation)).toEqual(['id']);
      const { invitations } = await admin.graphql<{ invitations: Array<Record<string, unknown>> }>(
        DOC.listPendingInvitations,
      );
      const mine = invitations.find((i) => i.id === sent.sendUserInvitation.id);
      expect(mine).toBeDefined();
      expect(Object.keys(mine ?? {}).sort()).toEqual([
        'createdAt',
        'expiresAt',
        'id',
        'inviteeEmail',
        'inviteeRole',
        'url',
      ]);
      expect(mine).toMatchObject({ inviteeEmail: 'invitee.one@example.com', inviteeRole: 'COLLABORATOR', url: null });
      expect(mine?.createdAt).toMatch(TIMESTAMP);
      expect(mine?.expiresAt).toMatch(TIMESTAMP);
      // The same instants the JSON API reports, in FiftyOne's spelling.
      const stored = (await fx.services.invitations.listPending({ kind: 'system', ip: null })).find(
        (i) => i.id === sent.sendUserInvitation.id,
      );
      const fiftyOne = (iso: string | undefined) => iso?.replace(/\.(\d{3})Z$/, '.$1000+00:00');
      expect([mine?.createdAt, mine?.expiresAt]).toEqual([fiftyOne(stored?.createdAt), fiftyOne(stored?.expiresAt)]);

      expect(await admin.graphql(DOC.deleteInvitation, { invitationId: sent.sendUserInvitation.id })).toStrictEqual({
        revokeUserInvitation: true,
      });
      const after = await admin.graphql<{ invitations: Array<{ id: string }> }>(DOC.listPendingInvitations);
      expect(after.invitations.map((i) => i.id)).not.toContain(sent.sendUserInvitation.id);
      expect(
        (await raised(admin.graphql(DOC.deleteInvitation, { invitationId: sent.sendUserInvitation.id }))).message,
      ).toMatch(/No pending invitation/);
    });

    it('the new invitation’s own answer carries its accept link; only admins invite', async () => {
      const raw = await admin.graphql<{ sendUserInvitation: { url: string; inviteeRole: string } }>(
        'mutation { sendUserInvitation(email: "linked@example.com", role: GUEST) { url inviteeRole } }',
      );
      expect(raw.sendUserInvitation.url).toMatch(/\/accept-invitation\?token=/);
      await raised(member.graphql(DOC.sendInvitation, { email: 'nope@example.com', role: 'GUEST' }));
      await raised(member.graphql(DOC.listPendingInvitations));
    });
  });

  describe('API keys', () => {
    it('generates a key for yourself that works at once, lists it with FiftyOne’s fields, and deletes it (401 after)', async () => {
      const generated = await member.graphql<{ generateApiKey: { key: string } }>(DOC.generateApiKey, {
        name: 'script key',
        userId: null,
      });
      expect(Object.keys(generated.generateApiKey)).toEqual(['key']);
      const fresh = client(generated.generateApiKey.key);
      expect((await fresh.graphql<{ viewer: { id: string } }>(DOC.viewer)).viewer.id).toBe(fx.users.MEMBER.user.id);

      const listed = await member.graphql<{ user: { apiKeys: Array<Record<string, unknown>> } }>(DOC.listApiKeys, {
        userId: fx.users.MEMBER.user.id,
      });
      const record = listed.user.apiKeys.find((k) => k.name === 'script key');
      expect(Object.keys(record ?? {}).sort()).toEqual(['createdAt', 'id', 'name']);
      expect(record?.createdAt).toMatch(TIMESTAMP);

      expect(await member.graphql(DOC.deleteApiKey, { key: record?.id, userId: null })).toStrictEqual({
        removeApiKey: true,
      });
      expect((await raised(fresh.graphql(DOC.viewer))).kind).toBe('authentication');
    });

    it('admins generate, list and delete other users’ keys (userId as id or email); others may not', async () => {
      const target = fx.users.COLLABORATOR;
      const generated = await admin.graphql<{ generateApiKey: { key: string } }>(DOC.generateApiKey, {
        name: 'for them',
        userId: target.email,
      });
      expect(
        (await client(generated.generateApiKey.key).graphql<{ viewer: { id: string } }>(DOC.viewer)).viewer.id,
      ).toBe(target.user.id);
      const keys = (
        await admin.graphql<{ user: { apiKeys: Array<{ id: string; name: string }> } }>(DOC.listApiKeys, {
          userId: target.user.id,
        })
      ).user.apiKeys;
      const key = keys.find((k) => k.name === 'for them');
      expect(key).toBeDefined();

      await raised(member.graphql(DOC.generateApiKey, { name: 'not mine', userId: target.user.id }));
      await raised(member.graphql(DOC.listApiKeys, { userId: target.user.id }));
      await raised(member.graphql(DOC.deleteApiKey, { key: key?.id, userId: target.user.id }));
      // Naming the wrong owner deletes nothing.
      await raised(admin.graphql(DOC.deleteApiKey, { key: key?.id, userId: fx.users.MEMBER.user.id }));
      expect(await admin.graphql(DOC.deleteApiKey, { key: key?.id, userId: target.user.id })).toStrictEqual({
        removeApiKey: true,
      });
      expect((await raised(client(generated.generateApiKey.key).graphql(DOC.viewer))).kind).toBe('authentication');
    });
    it('a rotated key keeps its id in the list; a key revoked as leaked is left out, as a deleted one is', async () => {
      const owner = await fx.createUser('MEMBER', 'graphql-rotation');
      const listIds = async () =>
        (
          await admin.graphql<{ user: { apiKeys: Array<{ id: string }> } }>(DOC.listApiKeys, { userId: owner.user.id })
        ).user.apiKeys.map((k) => k.id);
      await fx.services.keys.rotate(SYSTEM_ACTOR, owner.keyId);
      expect(await listIds()).toEqual([owner.keyId]);
      await fx.services.keys.reportLeaked([owner.key], null).done;
      expect(await listIds()).toEqual([]);
    });
  });

  describe('organization settings', () => {
    it('reads all four settings; set changes only the non-null ones and returns all four', async () => {
      expect(await admin.graphql(DOC.getOrganizationSettings)).toStrictEqual({
        organizationSettings: {
          defaultUserRole: 'GUEST',
          defaultDatasetPermission: 'NO_ACCESS',
          defaultOperatorMinimumRole: 'MEMBER',
          defaultOperatorMinimumDatasetPermission: 'EDIT',
        },
      });
      const vars = {
        defaultUserRole: 'COLLABORATOR',
        defaultDatasetPermission: null,
        defaultOperatorMinimumRole: null,
        defaultOperatorMinimumDatasetPermission: 'MANAGE',
      };
      expect(await admin.graphql(DOC.setOrganizationSettings, vars)).toStrictEqual({
        setOrganizationSettings: {
          defaultUserRole: 'COLLABORATOR',
          defaultDatasetPermission: 'NO_ACCESS',
          defaultOperatorMinimumRole: 'MEMBER',
          defaultOperatorMinimumDatasetPermission: 'MANAGE',
        },
      });
      await admin.graphql(DOC.setOrganizationSettings, {
        defaultUserRole: null,
        defaultDatasetPermission: 'VIEW',
        defaultOperatorMinimumRole: 'ADMIN',
        defaultOperatorMinimumDatasetPermission: null,
      });
      expect((await admin.graphql(DOC.getOrganizationSettings)).organizationSettings).toStrictEqual({
        defaultUserRole: 'COLLABORATOR',
        defaultDatasetPermission: 'VIEW',
        defaultOperatorMinimumRole: 'ADMIN',
        defaultOperatorMinimumDatasetPermission: 'MANAGE',
      });
      // The JSON API sees the same two shared settings.
      expect(await fx.services.organization.get({ kind: 'system', ip: null })).toEqual({
        defaultUserRole: 'COLLABORATOR',
        defaultDatasetPermission: 'VIEW',
      });
      await admin.graphql(DOC.setOrganizationSettings, {
        defaultUserRole: 'GUEST',
        defaultDatasetPermission: 'NO_ACCESS',
        defaultOperatorMinimumRole: 'MEMBER',
        defaultOperatorMinimumDatasetPermission: 'EDIT',
      });
    });

    it('is admin-only', async () => {
      expect((await raised(member.graphql(DOC.getOrganizationSettings))).message).toMatch(/Only admins/);
      await raised(
        member.graphql(DOC.setOrganizationSettings, {
          defaultUserRole: null,
          defaultDatasetPermission: null,
          defaultOperatorMinimumRole: null,
          defaultOperatorMinimumDatasetPermission: null,
        }),
      );
      await raised(
        member.graphql(DOC.setOrganizationSettings, {
          defaultUserRole: 'ADMIN',
          defaultDatasetPermission: null,
          defaultOperatorMinimumRole: null,
          defaultOperatorMinimumDatasetPermission: null,
        }),
      );
      expect((await fx.services.organization.get({ kind: 'system', ip: null })).defaultUserRole).toBe('GUEST');
    });
  });

  describe('errors', () => {
    const post = (headers: Record<string, string>, payload: string) =>
      fx.inject({
        method: 'POST',
        url: '/graphql/v1',
        headers: { 'content-type': 'application/json', ...headers },
        payload,
      });

    it('a missing, malformed, unknown or deleted key is HTTP 401; a guest’s key 403', async () => {
      const body = JSON.stringify({ query: DOC.viewer, variables: null });
      expect((await post({}, body)).statusCode).toBe(401);
      for (const key of [...fx.keys.malformed, fx.keys.unknown, fx.keys.deleted, fx.keys.expired])
        expect((await post({ 'x-api-key': key }, body)).statusCode, key).toBe(401);
      expect((await raised(client(fx.keys.unknown).graphql(DOC.viewer))).kind).toBe('authentication');
      expect((await post({ 'x-api-key': fx.keys.guest }, body)).statusCode).toBe(403);
      // Bearer works as well as X-API-Key.
      expect((await post({ authorization: `Bearer ${fx.users.ADMIN.key}` }, body)).json()).toEqual({
        data: {
          viewer: {
            id: fx.users.ADMIN.user.id,
            name: fx.users.ADMIN.user.name,
            email: fx.users.ADMIN.email,
            role: 'ADMIN',
          },
        },
      });
    });

    it.each([
      ['a syntax error', JSON.stringify({ query: 'query { viewer { id ', variables: null }), /Syntax Error/],
      [
        'an unknown field',
        JSON.stringify({ query: 'query { viewer { id password } }', variables: null }),
        /Cannot query field "password"/,
      ],
      ['a missing required variable', JSON.stringify({ query: DOC.getUser, variables: null }), /\$userId/],
      [
        'a variable of the wrong type',
        JSON.stringify({ query: DOC.getUser, variables: { userId: 42 } }),
        /String cannot represent/,
      ],
      [
        'an invalid enum literal',
        JSON.stringify({ query: 'mutation { setUserRole(userId: "x", role: OWNER) { id } }', variables: null }),
        /OWNER/,
      ],
      ['a body that is not JSON', '{"query": ', /not valid JSON/],
      ['a body without a query', JSON.stringify({ variables: {} }), /"query"/],
      ['variables that are not an object', JSON.stringify({ query: DOC.viewer, variables: [1] }), /"variables"/],
      [
        'two operations without a name',
        JSON.stringify({ query: 'query A { viewer { id } } query B { viewer { id } }', variables: null }),
        /operation name/,
      ],
    ])('%s is HTTP 200 with errors and no data', async (_label, payload, message) => {
      const response = await post({ 'x-api-key': fx.users.ADMIN.key }, payload);
      expect(response.statusCode).toBe(200);
      const body = response.json<{ errors: Array<{ message: string }> }>();
      expect(Object.keys(body)).toEqual(['errors']);
      expect(body.errors.length).toBeGreaterThan(0);
      expect(body.errors[0]?.message).toMatch(message);
    });

    it('a business-rule failure is HTTP 200 with errors, the message from the service and its code', async () => {
      const response = await member.send('POST', 'graphql/v1', { query: DOC.getOrganizationSettings, variables: null });
      expect(response.status).toBe(200);
      expect(response.body).toEqual({
        errors: [
          {
            message: 'Only admins can read organization settings',
            locations: [{ line: 3, column: 5 }],
            path: ['organizationSettings'],
            extensions: { code: 'FORBIDDEN', details: { requiredRole: 'ADMIN', role: 'MEMBER' } },
          },
        ],
        data: null,
      });
    });

    it('picks the named operation when the document holds several', async () => {
      const response = await post(
        { 'x-api-key': fx.users.ADMIN.key },
        JSON.stringify({
          query: 'query A { viewer { id } } query B { viewer { role } }',
          operationName: 'B',
          variables: null,
        }),
      );
      expect(response.json()).toEqual({ data: { viewer: { role: 'ADMIN' } } });
    });
  });
});

describe('FiftyOne management client behind a path prefix', () => {
  let fx: AuthFixture;
  beforeAll(async () => {
    fx = await createAuthFixture({ publicUrl: 'https://teams.example.com/teamset/' });
  });
  afterAll(async () => {
    await fx?.close();
  });

  it('answers /teamset/health and /teamset/graphql/v1 when the public URL has that path', async () => {
    for (const uri of ['https://teams.example.com/teamset', 'https://teams.example.com/teamset/']) {
      const prefixed = new FiftyOneReplayClient(fx.app, uri, fx.users.ADMIN.key);
      await prefixed.testApiConnection();
      expect((await prefixed.graphql<{ viewer: { email: string } }>(DOC.viewer)).viewer.email).toBe(
        fx.users.ADMIN.email,
      );
    }
    // The invitation link is built on the public URL.
    const data = await new FiftyOneReplayClient(
      fx.app,
      'https://teams.example.com/teamset',
      fx.users.ADMIN.key,
    ).graphql<{ sendUserInvitation: { url: string } }>(
      'mutation { sendUserInvitation(email: "prefixed@example.com", role: GUEST) { url } }',
    );
    expect(data.sendUserInvitation.url).toMatch(/^https:\/\/teams\.example\.com\/teamset\/accept-invitation\?token=/);
  });
});
