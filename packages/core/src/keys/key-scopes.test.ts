// Scoped keys on SQLite and PostgreSQL: stored and listed scope, dataset reach by id, permission cap, read-only management, no widening.
import {
  KEY_SCOPE_PERMISSIONS,
  UNSCOPED_KEY,
  permissionRank,
  type DatasetPermission,
  type KeyScopePermission,
  type Role,
  type User,
} from '@teamset/contract';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR, type Actor } from '../actor.js';
import { READ_ONLY_KEY_MESSAGE } from '../permissions/key-scope.js';
import type { Services } from '../services.js';
import { expectAppError, uniqueEmail, useTeamServices, type Team } from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';

let seq = 0;
const uniqueName = (label: string): string => `scope ${label} ${(seq += 1)} ${Date.now().toString(36)}`;

/** The actor a request with this key gets, built as the server's authenticate hook builds it. */
async function actorOfKey(services: Services, key: string): Promise<Actor> {
  const verified = await services.keyVerifier.verify(key);
  return {
    kind: 'user',
    user: verified.user,
    via: 'api_key',
    keyId: verified.keyId,
    ip: null,
    ...(verified.scope ? { scope: verified.scope } : {}),
  };
}

/** The permission the actor has on the dataset, as get answers it; NO_ACCESS for a 404. */
async function permissionSeen(services: Services, actor: Actor, name: string): Promise<DatasetPermission> {
  return services.datasets.get(actor, name).then(
    (d) => d.permission,
    (error: unknown) => {
      if ((error as { code?: string }).code === 'NOT_FOUND') return 'NO_ACCESS';
      throw error;
    },
  );
}

describe.each(await testDialects())('scoped API keys on %s', (dialect) => {
  let services: Services;
  let team: Team;

  useTeamServices(dialect, (opened) => ({ services, team } = opened), {
    config: { background: false },
    label: 'scopes',
  });

  const dataset = (label: string, actor: Actor = team.as.admin) =>
    services.datasets.create(actor, { name: uniqueName(label) });

  it('a key made without a scope is unscoped, and acts exactly as its user', async () => {
    const created = await services.keys.generate(team.as.member, { name: 'plain' });
    expect(created.apiKey.scope).toEqual(UNSCOPED_KEY);
    const verified = await services.keyVerifier.verify(created.key);
    expect(verified.scope).toBeUndefined();
    const ds = await dataset('plain', team.as.member);
    expect(await permissionSeen(services, await actorOfKey(services, created.key), ds.name)).toBe('MANAGE');
  });

  it('stores the scope, lists it by dataset name, keeps it through a rename and shrinks it when a dataset goes', async () => {
    const birds = await dataset('birds');
    const cars = await dataset('cars');
    const created = await services.keys.generate(team.as.admin, {
      name: 'ci',
      maxPermission: 'VIEW',
      datasets: [cars.name, birds.name, birds.name],
      readOnlyManagement: true,
    });
    const expected = [
      { id: birds.id, name: birds.name },
      { id: cars.id, name: cars.name },
    ].sort((a, b) => (a.name < b.name ? -1 : 1));
    expect(created.apiKey.scope).toEqual({ maxPermission: 'VIEW', datasets: expected, readOnlyManagement: true });
    expect((await services.keys.list(team.as.admin)).find((k) => k.id === created.apiKey.id)?.scope).toEqual(
      created.apiKey.scope,
    );
    const renamed = uniqueName('birds renamed');
    await services.datasets.update(team.as.admin, birds.name, { name: renamed });
    const afterRename = (await services.keys.list(team.as.admin)).find((k) => k.id === created.apiKey.id);
    expect(afterRename?.scope.datasets?.find((d) => d.id === birds.id)?.name).toBe(renamed);
    services.keyVerifier.clear();
    const actor = await actorOfKey(services, created.key);
    expect(await permissionSeen(services, actor, renamed)).toBe('VIEW');

    // Deleting every listed dataset leaves a key that reaches nothing, never everything.
    await services.datasets.delete(team.as.admin, renamed);
    await services.datasets.delete(team.as.admin, cars.name);
    const emptied = (await services.keys.list(team.as.admin)).find((k) => k.id === created.apiKey.id);
    expect(emptied?.scope.datasets).toEqual([]);
    services.keyVerifier.clear();
    const other = await dataset('after deletion');
    const left = await actorOfKey(services, created.key);
    expect(await permissionSeen(services, left, other.name)).toBe('NO_ACCESS');
    expect((await services.datasets.list(left)).datasets).toEqual([]);
    expect(
      await services.database.db
        .selectFrom('api_key_datasets')
        .selectAll()
        .where('key_id', '=', created.apiKey.id)
        .execute(),
    ).toEqual([]);
  });

  it('hides datasets outside the list from get, listings and the user’s own permission list', async () => {
    const inside = await dataset('inside');
    const outside = await dataset('outside');
    const created = await services.keys.generate(team.as.admin, { name: 'one dataset', datasets: [inside.name] });
    const actor = await actorOfKey(services, created.key);
    expect(await permissionSeen(services, actor, inside.name)).toBe('MANAGE');
    await expectAppError(services.datasets.get(actor, outside.name), 'NOT_FOUND');
    const listed = await services.datasets.list(actor, { pageSize: 200 });
    expect(listed.datasets.map((d) => d.name)).toEqual([inside.name]);
    expect(listed.total).toBe(1);
    const mine = await services.datasetPermissions.forUser(actor, team.admin.id);
    expect(mine.datasets.map((d) => d.datasetName)).toEqual([inside.name]);
  });

  it('caps the permission at the key’s maximum, and refuses dataset creation to a dataset-scoped key', async () => {
    const ds = await dataset('capped', team.as.member);
    const created = await services.keys.generate(team.as.member, { name: 'tagger', maxPermission: 'TAG' });
    const actor = await actorOfKey(services, created.key);
    expect(await permissionSeen(services, actor, ds.name)).toBe('TAG');
    const error = await expectAppError(services.datasets.update(actor, ds.name, { description: 'x' }), 'FORBIDDEN');
    expect(error.details).toEqual({ required: 'EDIT', actual: 'TAG' });
    await expectAppError(services.datasets.create(actor, { name: uniqueName('refused') }), 'FORBIDDEN');
    expect((await services.datasetPermissions.getUser(actor, ds.name, team.member.id)).activePermission).toBe('TAG');
  });

  it('refuses every management change to a read-only-management key, and still lets it read', async () => {
    const created = await services.keys.generate(team.as.admin, { name: 'auditor', readOnlyManagement: true });
    const actor = await actorOfKey(services, created.key);
    const other = await services.keys.generate(team.as.admin, { name: 'other' });
    const ds = await dataset('read-only');
    const changes: Array<[string, () => Promise<unknown>]> = [
      ['generate a key', () => services.keys.generate(actor, { name: 'more' })],
      ['delete a key', () => services.keys.delete(actor, other.apiKey.id)],
      ['rotate a key', () => services.keys.rotate(actor, other.apiKey.id)],
      ['create a user', () => services.users.create(actor, { email: uniqueEmail('ro'), name: 'X', role: 'MEMBER' })],
      ['change a role', () => services.users.setRole(actor, team.collaborator.id, 'MEMBER')],
      ['rename themselves', () => services.users.updateOwnProfile(actor, { name: 'Renamed' })],
      ['create a group', () => services.groups.create(actor, { name: uniqueName('group') })],
      ['change settings', () => services.organization.update(actor, { defaultDatasetPermission: 'VIEW' })],
      ['grant on a dataset', () => services.datasetPermissions.setUser(actor, ds.name, team.member.id, 'VIEW')],
      ['set a default', () => services.datasetPermissions.setDefault(actor, ds.name, 'VIEW')],
    ];
    for (const [what, change] of changes)
      expect((await expectAppError(change(), 'FORBIDDEN', READ_ONLY_KEY_MESSAGE)).details, what).toEqual({
        scope: 'readOnlyManagement',
      });
    // Reads, and work on datasets, go on as the user's.
    expect((await services.keys.list(actor)).map((k) => k.id)).toContain(other.apiKey.id);
    expect((await services.users.list(actor, {})).total).toBeGreaterThan(0);
    expect(await services.datasetPermissions.listUsers(actor, ds.name)).toBeDefined();
    await services.datasets.update(actor, ds.name, { description: 'still editable' });
  });

  it('never makes or rotates a key wider than the caller’s own scoped key', async () => {
    const ds = await dataset('widening', team.as.member);
    const narrow = await services.keys.generate(team.as.member, {
      name: 'narrow',
      maxPermission: 'VIEW',
      datasets: [ds.name],
    });
    const actor = await actorOfKey(services, narrow.key);
    await expectAppError(services.keys.generate(actor, { name: 'wider' }), 'FORBIDDEN');
    await expectAppError(
      services.keys.generate(actor, { name: 'edit', maxPermission: 'EDIT', datasets: [ds.name] }),
      'FORBIDDEN',
    );
    const same = await services.keys.generate(actor, { name: 'same', maxPermission: 'VIEW', datasets: [ds.name] });
    expect(same.apiKey.scope.maxPermission).toBe('VIEW');
    const unscoped = await services.keys.generate(team.as.member, { name: 'full' });
    await expectAppError(services.keys.rotate(actor, unscoped.apiKey.id), 'FORBIDDEN');
    const rotated = await services.keys.rotate(actor, same.apiKey.id, { graceSeconds: 0 });
    expect(rotated.apiKey.scope).toEqual(same.apiKey.scope);
  });

  it('rejects bad scopes: an unknown permission, an empty list, a dataset the caller cannot see', async () => {
    const hidden = await dataset('hidden');
    await expectAppError(
      services.keys.generate(team.as.member, { name: 'x', maxPermission: 'MANAGE' as KeyScopePermission }),
      'BAD_REQUEST',
    );
    await expectAppError(services.keys.generate(team.as.member, { name: 'x', datasets: [] }), 'BAD_REQUEST');
    await expectAppError(
      services.keys.generate(team.as.collaborator, { name: 'x', datasets: [hidden.name] }),
      'NOT_FOUND',
    );
  });

  it('a scoped key never does more than its scope or its user (random role × grant × scope)', async () => {
    const roles: Role[] = ['ADMIN', 'MEMBER', 'COLLABORATOR'];
    const users = new Map<Role, User>();
    for (const role of roles)
      users.set(
        role,
        await services.users.create(SYSTEM_ACTOR, { email: uniqueEmail(`pbt-${role}`), name: role, role }),
      );
    const levels: DatasetPermission[] = ['NO_ACCESS', 'VIEW', 'TAG', 'EDIT', 'MANAGE'];
    const min = (a: DatasetPermission, b: DatasetPermission): DatasetPermission =>
      permissionRank(a) <= permissionRank(b) ? a : b;
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...roles),
        fc.constantFrom(...levels),
        fc.constantFrom(...levels),
        fc.option(fc.constantFrom(...KEY_SCOPE_PERMISSIONS), { nil: undefined }),
        fc.constantFrom('none', 'inside', 'outside'),
        async (role, grant, datasetDefault, maxPermission, listed) => {
          const user = users.get(role) as User;
          const ds = await dataset('pbt');
          const other = await dataset('pbt other');
          await services.datasetPermissions.setDefault(SYSTEM_ACTOR, ds.name, datasetDefault);
          const cap: DatasetPermission = role === 'COLLABORATOR' ? 'EDIT' : 'MANAGE';
          if (grant !== 'NO_ACCESS')
            await services.datasetPermissions.setUser(SYSTEM_ACTOR, ds.name, user.id, min(grant, cap));
          const userLevel = await permissionSeen(
            services,
            { kind: 'user', user, via: 'session', keyId: null, ip: null },
            ds.name,
          );
          const names = listed === 'none' ? undefined : [listed === 'inside' ? ds.name : other.name];
          const created = await services.keys
            .generate(SYSTEM_ACTOR, {
              name: 'pbt',
              user: user.id,
              ...(maxPermission ? { maxPermission } : {}),
              ...(names ? { datasets: names } : {}),
            })
            .catch(() => undefined);
          if (!created) return;
          const seen = await permissionSeen(services, await actorOfKey(services, created.key), ds.name);
          const expected =
            listed === 'outside' ? 'NO_ACCESS' : maxPermission ? min(userLevel, maxPermission) : userLevel;
          expect(seen).toBe(expected);
          expect(permissionRank(seen)).toBeLessThanOrEqual(permissionRank(userLevel));
          if (maxPermission) expect(permissionRank(seen)).toBeLessThanOrEqual(permissionRank(maxPermission));
        },
      ),
      { numRuns: 25 },
    );
  });
});
