// DatasetService on SQLite and PostgreSQL: creation rules, unique name and slug, visibility-filtered listing, 404/403, edit, rename, delete.
import { datasetSlug, type Dataset } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../actor.js';
import type { Services } from '../services.js';
import {
  actorFor,
  createTestServices,
  expectAppError,
  seedTeam,
  uniqueName,
  useTeamServices,
  type Team,
  type TestServices,
} from '../test-support/identity-fixtures.js';
import { testDialects } from '../test-support/test-databases.js';

describe('datasetSlug', () => {
  it('lower-cases, turns each run of other characters into one dash and trims dashes', () => {
    expect(datasetSlug('My Dataset')).toBe('my-dataset');
    expect(datasetSlug('  Birds__2024 (v2)!  ')).toBe('birds-2024-v2');
    expect(datasetSlug('quickstart-geo')).toBe('quickstart-geo');
    expect(datasetSlug('a/b.c*d')).toBe('a-b-c-d');
    expect(datasetSlug('Ünïcode')).toBe('n-code');
    expect(datasetSlug('!!!')).toBe('');
  });
});

describe.each(await testDialects())('DatasetService on %s', (dialect) => {
  let services: Services;
  let team: Team;

  useTeamServices(dialect, (opened) => ({ services, team } = opened), { config: { background: false } });

  const create = (label: string, actor = team.as.member, extra: Record<string, unknown> = {}): Promise<Dataset> =>
    services.datasets.create(actor, { name: uniqueName(label), ...extra });

  describe('create', () => {
    it('stores every field, gives the creator MANAGE and the org default permission', async () => {
      const before = Date.now();
      const name = uniqueName('Birds');
      const dataset = await services.datasets.create(team.as.member, {
        name: `  ${name} `,
        mediaType: 'video',
        tags: ['a', ' b ', 'a'],
        description: 'Some birds',
        info: { source: 'field', n: 3 },
      });
      expect(dataset).toMatchObject({
        name,
        slug: datasetSlug(name),
        mediaType: 'video',
        tags: ['a', 'b'],
        description: 'Some birds',
        info: { source: 'field', n: 3 },
        createdBy: team.member.id,
        defaultPermission: 'NO_ACCESS',
        permission: 'MANAGE',
      });
      expect(dataset.id).toMatch(/^[0-9a-f]{24}$/);
      expect(Date.parse(dataset.createdAt)).toBeGreaterThanOrEqual(before - 1000);
      expect(dataset.lastModifiedAt).toBe(dataset.createdAt);
      expect(await services.datasets.get(team.as.member, name)).toEqual(dataset);
      const grant = await services.database.db
        .selectFrom('dataset_user_permissions')
        .selectAll()
        .where('dataset_id', '=', dataset.id)
        .execute();
      expect(grant.map((g) => [g.user_id, g.permission])).toEqual([[team.member.id, 'MANAGE']]);
    });

    it('defaults to image media, no tags, no description and empty info', async () => {
      const dataset = await create('defaults');
      expect(dataset).toMatchObject({ mediaType: 'image', tags: [], description: null, info: {} });
    });

    it('takes the default permission from the organization settings at creation only', async () => {
      await services.organization.update(team.as.admin, { defaultDatasetPermission: 'TAG' });
      try {
        const tagged = await create('org default');
        expect(tagged.defaultPermission).toBe('TAG');
        await services.organization.update(team.as.admin, { defaultDatasetPermission: 'VIEW' });
        expect((await services.datasets.get(team.as.member, tagged.name)).defaultPermission).toBe('TAG');
      } finally {
        await services.organization.update(team.as.admin, { defaultDatasetPermission: 'NO_ACCESS' });
      }
    });

    it('is for members and admins (and the database connection) only', async () => {
      for (const actor of [team.as.collaborator, team.as.guest]) {
        const error = await expectAppError(create('not allowed', actor), 'FORBIDDEN');
        expect(error.details).toMatchObject({ requiredRole: 'MEMBER' });
      }
      expect((await create('by admin', team.as.admin)).permission).toBe('MANAGE');
      const bySystem = await create('by system', SYSTEM_ACTOR);
      expect(bySystem).toMatchObject({ createdBy: null, permission: 'MANAGE' });
    });

    it('refuses a duplicate name, and a name whose slug is taken, with CONFLICT naming the field', async () => {
      const name = uniqueName('Dup Check');
      await services.datasets.create(team.as.member, { name });
      const byName = await expectAppError(services.datasets.create(team.as.admin, { name }), 'CONFLICT');
      expect(byName.details).toEqual({ field: 'name' });
      const bySlug = await expectAppError(
        services.datasets.create(team.as.admin, { name: name.toUpperCase().replace(/ /g, '_') }),
        'CONFLICT',
      );
      expect(bySlug.details).toMatchObject({ field: 'slug', slug: datasetSlug(name) });
    });

    it('turns a race of two creations with one slug into one dataset and one CONFLICT', async () => {
      for (let round = 0; round < 3; round++) {
        const name = uniqueName('race');
        const results = await Promise.allSettled([
          services.datasets.create(SYSTEM_ACTOR, { name }),
          services.datasets.create(SYSTEM_ACTOR, { name: name.toUpperCase() }),
        ]);
        expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
        expect(results.find((r) => r.status === 'rejected')?.reason).toMatchObject({
          name: 'AppError',
          code: 'CONFLICT',
        });
      }
    });

    it('validates every field, naming it', async () => {
      const cases: Array<[Record<string, unknown>, string]> = [
        [{ name: '' }, 'name'],
        [{ name: '   ' }, 'name'],
        [{ name: '!!!' }, 'name'],
        [{ name: 'x'.repeat(201) }, 'name'],
        [{ name: 'a\u0000b' }, 'name'],
        [{ name: 42 }, 'name'],
        [{ name: 'ok', mediaType: 'audio' }, 'mediaType'],
        [{ name: 'ok', tags: 'a' }, 'tags'],
        [{ name: 'ok', tags: [''] }, 'tags'],
        [{ name: 'ok', tags: [1] }, 'tags'],
        [{ name: 'ok', tags: Array.from({ length: 101 }, (_, i) => `t${i}`) }, 'tags'],
        [{ name: 'ok', description: 'x'.repeat(10_001) }, 'description'],
        [{ name: 'ok', description: 5 }, 'description'],
        [{ name: 'ok', info: [] }, 'info'],
        [{ name: 'ok', info: 'text' }, 'info'],
      ];
      for (const [input, field] of cases) {
        const error = await expectAppError(services.datasets.create(team.as.member, input as never), 'BAD_REQUEST');
        expect(error.details, JSON.stringify(input).slice(0, 60)).toMatchObject({ field });
      }
    });

    it('writes an audit event', async () => {
      const dataset = await create('audited');
      const events = await services.audit.list(team.as.admin, { action: 'dataset.create', limit: 5 });
      expect(events[0]).toMatchObject({
        actorId: team.member.id,
        targetType: 'dataset',
        targetId: dataset.id,
        details: { name: dataset.name, mediaType: 'image' },
      });
    });
  });

  describe('visibility and permission checks', () => {
    let ds: Dataset;
    beforeAll(async () => {
      ds = await create('private');
    });

    it('hides a dataset without access behind 404, exactly like a missing one', async () => {
      for (const actor of [team.as.collaborator, team.as.guest]) {
        const hidden = await expectAppError(services.datasets.get(actor, ds.name), 'NOT_FOUND');
        const missing = await expectAppError(services.datasets.get(actor, 'no such dataset'), 'NOT_FOUND');
        expect(hidden.message.replace(ds.name, 'X')).toBe(missing.message.replace('no such dataset', 'X'));
        await expectAppError(services.datasets.update(actor, ds.name, { description: 'x' }), 'NOT_FOUND');
        await expectAppError(services.datasets.delete(actor, ds.name), 'NOT_FOUND');
      }
      const other = await services.users.create(SYSTEM_ACTOR, {
        email: `other-${Date.now()}@example.com`,
        name: 'Other',
        role: 'MEMBER',
      });
      await expectAppError(services.datasets.get(actorFor(other), ds.name), 'NOT_FOUND');
    });

    it('lets admins and the system actor see everything with MANAGE', async () => {
      expect((await services.datasets.get(team.as.admin, ds.name)).permission).toBe('MANAGE');
      expect((await services.datasets.get(SYSTEM_ACTOR, ds.name)).permission).toBe('MANAGE');
    });

    it('gives members the default permission, capped by nothing but MANAGE', async () => {
      const other = await services.users.create(SYSTEM_ACTOR, {
        email: `member-${Date.now()}@example.com`,
        name: 'M',
        role: 'MEMBER',
      });
      await services.datasetPermissions.setDefault(team.as.member, ds.name, 'VIEW');
      expect((await services.datasets.get(actorFor(other), ds.name)).permission).toBe('VIEW');
      const error = await expectAppError(
        services.datasets.update(actorFor(other), ds.name, { tags: ['x'] }),
        'FORBIDDEN',
      );
      expect(error.details).toEqual({ required: 'EDIT', actual: 'VIEW' });
      await services.datasetPermissions.setDefault(team.as.member, ds.name, 'EDIT');
      expect((await services.datasets.update(actorFor(other), ds.name, { tags: ['x'] })).tags).toEqual(['x']);
      // The default never reaches collaborators or guests.
      await expectAppError(services.datasets.get(team.as.collaborator, ds.name), 'NOT_FOUND');
      await expectAppError(services.datasets.get(team.as.guest, ds.name), 'NOT_FOUND');
      await services.datasetPermissions.setDefault(team.as.member, ds.name, 'NO_ACCESS');
      await expectAppError(services.datasets.get(actorFor(other), ds.name), 'NOT_FOUND');
    });

    it('lowers the effective permission at once when the user is demoted', async () => {
      const user = await services.users.create(SYSTEM_ACTOR, {
        email: `demote-${Date.now()}@example.com`,
        name: 'D',
        role: 'MEMBER',
      });
      const own = await create('demotion', actorFor(user));
      expect(own.permission).toBe('MANAGE');
      const collaborator = await services.users.setRole(team.as.admin, user.id, 'COLLABORATOR');
      expect((await services.datasets.get(actorFor(collaborator), own.name)).permission).toBe('EDIT');
      await expectAppError(services.datasets.delete(actorFor(collaborator), own.name), 'FORBIDDEN');
      const guest = await services.users.setRole(team.as.admin, user.id, 'GUEST');
      expect((await services.datasets.get(actorFor(guest), own.name)).permission).toBe('VIEW');
      const page = await services.datasets.list(actorFor(guest), { search: own.name });
      expect(page.datasets.map((d) => [d.name, d.permission])).toEqual([[own.name, 'VIEW']]);
    });
  });

  describe('list', () => {
    let listing: TestServices;
    let t: Team;
    const names = {
      mine: 'Alpha Birds',
      shared: 'Beta 100% Cars',
      open: 'Gamma_Trees',
      hidden: 'Delta Hidden',
      guest: 'Epsilon Guests',
    };

    beforeAll(async () => {
      // A database of its own, so totals are exact.
      listing = await createTestServices(dialect, { background: false });
      t = await seedTeam(listing.services);
      const s = listing.services;
      await s.datasets.create(t.as.member, { name: names.mine });
      await s.datasets.create(t.as.admin, { name: names.shared });
      await s.datasetPermissions.setUser(t.as.admin, names.shared, t.collaborator.email, 'TAG');
      await s.datasets.create(t.as.admin, { name: names.open });
      await s.datasetPermissions.setDefault(t.as.admin, names.open, 'VIEW');
      await s.datasets.create(t.as.admin, { name: names.hidden });
      await s.datasets.create(t.as.admin, { name: names.guest });
      await s.datasetPermissions.setUser(t.as.admin, names.guest, t.guest.id, 'VIEW');
      // An explicit NO_ACCESS grant shows nothing.
      await s.datasetPermissions.setUser(t.as.admin, names.hidden, t.collaborator.id, 'NO_ACCESS');
    });
    afterAll(async () => {
      await listing?.close();
    });

    const view = async (actor: Parameters<Services['datasets']['list']>[0], query = {}) =>
      (await listing.services.datasets.list(actor, query)).datasets.map((d) => [d.name, d.permission]);

    it('shows each caller only what they can see, by name, with their permission', async () => {
      expect(await view(t.as.admin)).toEqual([
        [names.mine, 'MANAGE'],
        [names.shared, 'MANAGE'],
        [names.hidden, 'MANAGE'],
        [names.guest, 'MANAGE'],
        [names.open, 'MANAGE'],
      ]);
      expect(await view(t.as.member)).toEqual([
        [names.mine, 'MANAGE'],
        [names.open, 'VIEW'],
      ]);
      expect(await view(t.as.collaborator)).toEqual([[names.shared, 'TAG']]);
      expect(await view(t.as.guest)).toEqual([[names.guest, 'VIEW']]);
      expect((await listing.services.datasets.list(SYSTEM_ACTOR)).total).toBe(5);
    });

    it('agrees with get: every listed dataset is gettable with the same permission, every other is 404', async () => {
      const s = listing.services;
      for (const actor of Object.values(t.as)) {
        const listed = new Map((await s.datasets.list(actor)).datasets.map((d) => [d.name, d.permission]));
        for (const name of Object.values(names)) {
          if (listed.has(name)) expect((await s.datasets.get(actor, name)).permission).toBe(listed.get(name));
          else await expectAppError(s.datasets.get(actor, name), 'NOT_FOUND');
        }
      }
    });

    it('pages with the total of visible datasets, and clamps page and pageSize', async () => {
      const s = listing.services;
      const first = await s.datasets.list(t.as.admin, { page: 1, pageSize: 2 });
      expect(first).toMatchObject({ total: 5, page: 1, pageSize: 2 });
      expect(first.datasets.map((d) => d.name)).toEqual([names.mine, names.shared]);
      expect((await s.datasets.list(t.as.admin, { page: 3, pageSize: 2 })).datasets.map((d) => d.name)).toEqual([
        names.open,
      ]);
      expect((await s.datasets.list(t.as.admin, { page: 4, pageSize: 2 })).datasets).toEqual([]);
      expect(await s.datasets.list(t.as.member, { pageSize: 1 })).toMatchObject({ total: 2, pageSize: 1 });
      const clamped = await s.datasets.list(t.as.admin, { page: 0, pageSize: 10_000 });
      expect(clamped).toMatchObject({ page: 1, pageSize: 200 });
    });

    it('searches names case-insensitively, wildcards literal, within what the caller sees', async () => {
      expect(await view(t.as.admin, { search: 'BIRDS' })).toEqual([[names.mine, 'MANAGE']]);
      expect(await view(t.as.admin, { search: '%' })).toEqual([[names.shared, 'MANAGE']]);
      // Unescaped, "a_b" would match "Alpha Birds".
      expect(await view(t.as.admin, { search: 'a_b' })).toEqual([]);
      expect(await view(t.as.admin, { search: '_' })).toEqual([[names.open, 'MANAGE']]);
      expect(await view(t.as.member, { search: 'hidden' })).toEqual([]);
      expect((await listing.services.datasets.list(t.as.admin, { search: 'A' })).total).toBe(4);
    });

    describe('what the datasets home shows', () => {
      let firstCar = '';
      beforeAll(async () => {
        const s = listing.services;
        // Later than every dataset's creation, so the samples' change is the datasets' last change.
        await new Promise((resolve) => setTimeout(resolve, 15));
        const cars = await s.samples.addSamples(t.as.admin, names.shared, [
          {
            filepath: '/media/cars/1.jpg',
            ground_truth: {
              _cls: 'Detections',
              detections: [{ _cls: 'Detection', label: 'car', bounding_box: [0, 0, 1, 1] }],
            },
            weather: { _cls: 'Classification', label: 'sunny' },
            notes: { camera: 'front' },
          },
          { filepath: '/media/cars/2.jpg' },
          { filepath: '/media/cars/3.jpg' },
        ]);
        firstCar = cars.ids[0] ?? '';
        await s.samples.addSamples(t.as.admin, names.open, [{ filepath: '/media/trees/1.jpg' }]);
      });

      const summaries = async (query = {}) =>
        (await listing.services.datasets.list(t.as.admin, query)).datasets.map((d) => ({
          name: d.name,
          sampleCount: d.sampleCount,
          labelFields: d.labelFields,
          hasCover: d.coverSampleId !== null,
          changedAfterCreation: d.lastModifiedAt > d.createdAt,
        }));

      it('gives each dataset its sample count, first sample and top-level label fields; samples move lastModifiedAt', async () => {
        const s = listing.services;
        const listed = (await s.datasets.list(t.as.admin)).datasets;
        const shared = listed.find((d) => d.name === names.shared);
        const first = await s.samples.getSample(t.as.admin, names.shared, firstCar);
        expect(shared?.coverSampleId).toBe(firstCar);
        expect(shared?.lastModifiedAt).toBe(first.last_modified_at);
        expect(await summaries()).toEqual([
          { name: names.mine, sampleCount: 0, labelFields: [], hasCover: false, changedAfterCreation: false },
          {
            name: names.shared,
            sampleCount: 3,
            labelFields: [
              { name: 'ground_truth', type: 'Detections' },
              { name: 'weather', type: 'Classification' },
            ],
            hasCover: true,
            changedAfterCreation: true,
          },
          { name: names.hidden, sampleCount: 0, labelFields: [], hasCover: false, changedAfterCreation: false },
          { name: names.guest, sampleCount: 0, labelFields: [], hasCover: false, changedAfterCreation: false },
          { name: names.open, sampleCount: 1, labelFields: [], hasCover: true, changedAfterCreation: true },
        ]);
      });

      it('sorts by sample count or last change in either direction, ties by name, and pages in that order', async () => {
        const order = async (query: Record<string, unknown>) => (await summaries(query)).map((d) => d.name);
        const empty = [names.mine, names.hidden, names.guest].sort();
        expect(await order({ sort: 'sampleCount', order: 'desc' })).toEqual([names.shared, names.open, ...empty]);
        expect(await order({ sort: 'sampleCount', order: 'asc' })).toEqual([...empty, names.open, names.shared]);
        expect((await order({ sort: 'lastModifiedAt', order: 'desc' })).slice(0, 2)).toEqual([
          names.open,
          names.shared,
        ]);
        expect((await order({ sort: 'lastModifiedAt' })).slice(-2)).toEqual([names.shared, names.open]);
        expect(await order({ sort: 'name', order: 'desc' })).toEqual([
          names.open,
          names.guest,
          names.hidden,
          names.shared,
          names.mine,
        ]);
        expect(await order({ sort: 'sampleCount', order: 'desc', page: 2, pageSize: 2 })).toEqual(empty.slice(0, 2));
        // Sorting never widens what a caller sees.
        expect(
          (await listing.services.datasets.list(t.as.member, { sort: 'sampleCount', order: 'desc' })).datasets.map(
            (d) => [d.name, d.sampleCount],
          ),
        ).toEqual([
          [names.open, 1],
          [names.mine, 0],
        ]);
      });
    });
  });

  describe('update', () => {
    it('edits tags, description and info with EDIT and bumps lastModifiedAt', async () => {
      const ds = await create('editable');
      await services.datasetPermissions.setUser(team.as.member, ds.name, team.collaborator.id, 'EDIT');
      await new Promise((resolve) => setTimeout(resolve, 5));
      const updated = await services.datasets.update(team.as.collaborator, ds.name, {
        tags: ['x', 'y'],
        description: 'now described',
        info: { a: [1, 2] },
      });
      expect(updated).toMatchObject({
        name: ds.name,
        tags: ['x', 'y'],
        description: 'now described',
        info: { a: [1, 2] },
        permission: 'EDIT',
      });
      expect(Date.parse(updated.lastModifiedAt)).toBeGreaterThan(Date.parse(ds.lastModifiedAt));
      expect(await services.datasets.get(team.as.collaborator, ds.name)).toEqual(updated);
      expect(
        (await services.datasets.update(team.as.collaborator, ds.name, { description: null })).description,
      ).toBeNull();
    });

    it('needs EDIT (403 with both levels below it) and something to change', async () => {
      const ds = await create('view only');
      await services.datasetPermissions.setUser(team.as.member, ds.name, team.collaborator.id, 'TAG');
      const error = await expectAppError(
        services.datasets.update(team.as.collaborator, ds.name, { description: 'x' }),
        'FORBIDDEN',
      );
      expect(error.details).toEqual({ required: 'EDIT', actual: 'TAG' });
      await expectAppError(services.datasets.update(team.as.member, ds.name, {}), 'BAD_REQUEST');
    });

    it('renames with MANAGE only, updating the slug and keeping the id and grants', async () => {
      const ds = await create('rename me');
      await services.datasetPermissions.setUser(team.as.member, ds.name, team.collaborator.id, 'EDIT');
      const error = await expectAppError(
        services.datasets.update(team.as.collaborator, ds.name, { name: uniqueName('nope') }),
        'FORBIDDEN',
      );
      expect(error.details).toEqual({ required: 'MANAGE', actual: 'EDIT' });
      // The same name is not a rename.
      expect(
        (await services.datasets.update(team.as.collaborator, ds.name, { name: ds.name, description: 'd' })).name,
      ).toBe(ds.name);

      const next = uniqueName('Renamed');
      const renamed = await services.datasets.update(team.as.member, ds.name, { name: next });
      expect(renamed).toMatchObject({ id: ds.id, name: next, slug: datasetSlug(next) });
      await expectAppError(services.datasets.get(team.as.member, ds.name), 'NOT_FOUND');
      expect((await services.datasets.get(team.as.collaborator, next)).permission).toBe('EDIT');
      const events = await services.audit.list(team.as.admin, { action: 'dataset.rename', limit: 1 });
      expect(events[0]).toMatchObject({ targetId: ds.id, details: { from: ds.name, to: next } });
    });

    it('allows a rename that only changes case (same slug), refuses a taken name or slug', async () => {
      const ds = await create('case change');
      expect((await services.datasets.update(team.as.member, ds.name, { name: ds.name.toUpperCase() })).name).toBe(
        ds.name.toUpperCase(),
      );
      const other = await create('taken');
      const byName = await expectAppError(
        services.datasets.update(team.as.member, ds.name.toUpperCase(), { name: other.name }),
        'CONFLICT',
      );
      expect(byName.details).toEqual({ field: 'name' });
      const bySlug = await expectAppError(
        services.datasets.update(team.as.member, ds.name.toUpperCase(), { name: `${other.name}!` }),
        'CONFLICT',
      );
      expect(bySlug.details).toMatchObject({ field: 'slug' });
    });
  });

  describe('delete', () => {
    it('needs MANAGE and removes the dataset with its grants', async () => {
      const ds = await create('doomed');
      await services.datasetPermissions.setUser(team.as.member, ds.name, team.collaborator.id, 'EDIT');
      const error = await expectAppError(services.datasets.delete(team.as.collaborator, ds.name), 'FORBIDDEN');
      expect(error.details).toEqual({ required: 'MANAGE', actual: 'EDIT' });
      await services.datasets.delete(team.as.member, ds.name);
      await expectAppError(services.datasets.get(team.as.admin, ds.name), 'NOT_FOUND');
      expect(
        await services.database.db
          .selectFrom('dataset_user_permissions')
          .select('user_id')
          .where('dataset_id', '=', ds.id)
          .execute(),
      ).toEqual([]);
      await expectAppError(services.datasets.delete(team.as.member, ds.name), 'NOT_FOUND');
      const events = await services.audit.list(team.as.admin, { action: 'dataset.delete', limit: 1 });
      expect(events[0]).toMatchObject({ actorId: team.member.id, targetId: ds.id, details: { name: ds.name } });
    });

    it('keeps a dataset whose creator is deleted, with createdBy null', async () => {
      const user = await services.users.create(SYSTEM_ACTOR, {
        email: `leaver-${Date.now()}@example.com`,
        name: 'L',
        role: 'MEMBER',
      });
      const ds = await create('orphan', actorFor(user));
      await services.users.delete(team.as.admin, user.id);
      expect((await services.datasets.get(team.as.admin, ds.name)).createdBy).toBeNull();
    });
  });
});
