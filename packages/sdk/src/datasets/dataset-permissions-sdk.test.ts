// docs/design.md §2 through the SDK: a member's dataset, a collaborator with EDIT, one with VIEW, and people without access.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@teamset/core/testing';
import { ApiConnection } from '../connection/api-connection.js';
import { DatabaseConnection } from '../connection/database-connection.js';
import { ForbiddenError, NotFoundError, type TeamsetError } from '../errors.js';
import { setDatasetDefaultPermission, setDatasetUserPermission } from '../management/default-client.js';
import { fixtureSamples, FIXTURE_SIZE } from '../test-support/sample-fixture.js';
import { startTeamsetTestServer, type TeamsetTestServer } from '../test-support/teamset-test-server.js';
import { F } from '../views/f.js';
import { createDataset, datasetExists, listDatasets, loadDataset } from './dataset-functions.js';

const NAME = 'team data';
const fixture = fixtureSamples();

async function forbidden(promise: Promise<unknown>, required: string, actual: string): Promise<void> {
  const error = (await promise.then(
    () => undefined,
    (e: unknown) => e,
  )) as TeamsetError | undefined;
  expect(error).toBeInstanceOf(ForbiddenError);
  expect(error?.details).toMatchObject({ required, actual });
}

describe.each(await testDialects())('dataset permissions through the SDK, API on %s', (dialect) => {
  let server: TeamsetTestServer;
  const as: Record<'member' | 'editor' | 'viewer' | 'stranger' | 'otherMember', ApiConnection> = {} as never;

  beforeAll(async () => {
    server = await startTeamsetTestServer({ dialect });
    const users = {
      member: await server.addUser('member@example.com', 'MEMBER'),
      editor: await server.addUser('editor@example.com', 'COLLABORATOR'),
      viewer: await server.addUser('viewer@example.com', 'COLLABORATOR'),
      stranger: await server.addUser('stranger@example.com', 'COLLABORATOR'),
      otherMember: await server.addUser('other@example.com', 'MEMBER'),
    };
    for (const [who, { key }] of Object.entries(users))
      as[who as keyof typeof as] = new ApiConnection({ apiUri: server.url, apiKey: key, maxAttempts: 1 });

    const dataset = await createDataset(NAME, {}, as.member);
    await dataset.addSamples(fixture);
    await setDatasetUserPermission(NAME, 'editor@example.com', 'EDIT', {}, as.member);
    await setDatasetUserPermission(NAME, 'viewer@example.com', 'VIEW', {}, as.member);
  });

  afterAll(async () => {
    await server?.close();
  });

  it('the creator has MANAGE', async () => {
    expect((await loadDataset(NAME, as.member)).permission).toBe('MANAGE');
  });

  it('VIEW reads everything but cannot tag, write, manage or clone', async () => {
    const ds = await loadDataset(NAME, as.viewer);
    expect(ds.permission).toBe('VIEW');
    expect(await listDatasets({}, as.viewer)).toEqual([NAME]);
    expect(await ds.count()).toBe(FIXTURE_SIZE);
    expect(await ds.matchTags('train').values('id')).toEqual(
      fixture.filter((s) => s.tags.includes('train')).map((s) => s.id),
    );
    expect(await ds.countValues('weather')).toBeInstanceOf(Map);
    expect((await ds.head(2)).length).toBe(2);

    await forbidden(ds.addSamples([{ filepath: '/viewer.jpg' }]), 'EDIT', 'VIEW');
    await forbidden(ds.tagSamples('mine'), 'TAG', 'VIEW');
    await forbidden(ds.setValues('uniqueness', { byId: { [fixture[0]?.id as string]: 0.5 } }), 'EDIT', 'VIEW');
    await forbidden(ds.saveView('mine', ds.limit(1)), 'EDIT', 'VIEW');
    await forbidden(ds.edit({ description: 'mine' }), 'EDIT', 'VIEW');
    await forbidden(ds.delete(), 'MANAGE', 'VIEW');
    // Collaborators may not clone at all (role rule), whatever their permission.
    await expect(ds.clone('viewer copy')).rejects.toBeInstanceOf(ForbiddenError);
    expect(await ds.count()).toBe(FIXTURE_SIZE);
  });

  it('EDIT adds, sets values, tags and saves views, but cannot rename or delete', async () => {
    const ds = await loadDataset(NAME, as.editor);
    expect(ds.permission).toBe('EDIT');
    const [id] = await ds.addSamples([{ filepath: '/editor.jpg', uniqueness: 0.5 }]);
    expect(await ds.setValues('weather', { byId: { [id as string]: 'cloudy' } })).toBe(1);
    expect(await ds.match(F('filepath').eq('/editor.jpg')).tagSamples('by-editor')).toBe(1);
    await ds.saveView('editor view', ds.matchTags('by-editor'));
    expect(await (await ds.loadSavedView('editor view')).values('weather')).toEqual(['cloudy']);
    await forbidden(ds.rename('taken over'), 'MANAGE', 'EDIT');
    await forbidden(ds.delete(), 'MANAGE', 'EDIT');
    await ds.deleteSamples([id as string]);
    await ds.deleteSavedView('editor view');
  });

  it('without access the dataset does not exist', async () => {
    expect(await datasetExists(NAME, as.stranger)).toBe(false);
    await expect(loadDataset(NAME, as.stranger)).rejects.toBeInstanceOf(NotFoundError);
    expect(await listDatasets({}, as.stranger)).toEqual([]);
    await expect(loadDataset(NAME, as.otherMember)).rejects.toBeInstanceOf(NotFoundError);
  });

  it('a member with VIEW through the default permission reads and clones, and owns the clone', async () => {
    await setDatasetDefaultPermission(NAME, 'VIEW', as.member);
    const ds = await loadDataset(NAME, as.otherMember);
    expect(ds.permission).toBe('VIEW');
    await forbidden(ds.addSamples([{ filepath: '/other.jpg' }]), 'EDIT', 'VIEW');
    const copy = await ds.matchTags('val').clone('other copy');
    expect(copy.permission).toBe('MANAGE');
    expect(await copy.count()).toBe(fixture.filter((s) => s.tags.includes('val')).length);
    await copy.delete();
  });

  it('the database connection sees the same data', async () => {
    const direct = new DatabaseConnection(server.databaseUri);
    try {
      const viaDatabase = await loadDataset(NAME, direct);
      const viaApi = await loadDataset(NAME, as.viewer);
      expect(viaDatabase.permission).toBe('MANAGE');
      expect(await viaDatabase.values('id')).toEqual(await viaApi.values('id'));
      expect([...(await viaDatabase.countValues('tags'))]).toEqual([...(await viaApi.countValues('tags'))]);
    } finally {
      await direct.close();
    }
  });
});
