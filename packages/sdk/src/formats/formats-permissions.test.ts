// docs/design.md §2 for import and export over the API: creating by import needs the role, adding needs EDIT, exporting VIEW.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '@teamset/core/testing';
import { ApiConnection } from '../connection/api-connection.js';
import { backendFor } from '../datasets/backend-for.js';
import { Dataset } from '../datasets/dataset.js';
import { datasetExists, loadDataset } from '../datasets/dataset-functions.js';
import { ForbiddenError, NotFoundError } from '../errors.js';
import { setDatasetUserPermission } from '../management/default-client.js';
import { stageFixture, tempDir, type StagedFixture } from '../test-support/format-fixtures.js';
import { startTeamsetTestServer, type TeamsetTestServer } from '../test-support/teamset-test-server.js';

describe.each(await testDialects())('import and export permissions, API on %s', (dialect) => {
  let server: TeamsetTestServer;
  let coco: StagedFixture;
  let exports: StagedFixture;
  const as = {} as Record<'member' | 'editor' | 'viewer' | 'stranger', ApiConnection>;

  beforeAll(async () => {
    server = await startTeamsetTestServer({ dialect });
    coco = stageFixture('coco');
    exports = tempDir();
    const roles = {
      member: 'MEMBER',
      editor: 'COLLABORATOR',
      viewer: 'COLLABORATOR',
      stranger: 'COLLABORATOR',
    } as const;
    for (const [who, role] of Object.entries(roles)) {
      const { key } = await server.addUser(`${who}@example.com`, role);
      as[who as keyof typeof as] = new ApiConnection({ apiUri: server.url, apiKey: key, maxAttempts: 1 });
    }
    await Dataset.fromDir(coco.dir, { type: 'coco', name: 'shared' }, as.member);
    await setDatasetUserPermission('shared', 'editor@example.com', 'EDIT', {}, as.member);
    await setDatasetUserPermission('shared', 'viewer@example.com', 'VIEW', {}, as.member);
  });
  afterAll(async () => {
    await server?.close();
    coco?.cleanup();
    exports?.cleanup();
  });

  it('a member creates a dataset by import and gets MANAGE; a collaborator may not create one', async () => {
    expect((await loadDataset('shared', as.member)).permission).toBe('MANAGE');
    await expect(Dataset.fromDir(coco.dir, { type: 'coco', name: 'mine' }, as.editor)).rejects.toBeInstanceOf(
      ForbiddenError,
    );
    expect(await datasetExists('mine', as.member)).toBe(false);
  });

  it('adding by import needs EDIT', async () => {
    const editor = await loadDataset('shared', as.editor);
    expect(await editor.addDir(coco.dir, { type: 'coco' })).toMatchObject({ samples: 4 });
    const viewer = await loadDataset('shared', as.viewer);
    await expect(viewer.addDir(coco.dir, { type: 'coco' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await viewer.count()).toBe(8);
  });

  it('exporting needs VIEW; a dataset the caller cannot see is not found and nothing is written', async () => {
    const viewer = await loadDataset('shared', as.viewer);
    expect(await viewer.export(join(exports.dir, 'viewer'), { type: 'coco' })).toMatchObject({
      samples: 8,
      labels: 10,
    });

    // The stranger's handle comes from the member's record: the server still decides, at export time.
    const member = await loadDataset('shared', as.member);
    await expect(loadDataset('shared', as.stranger)).rejects.toBeInstanceOf(NotFoundError);
    const strangerView = new Dataset(await backendFor(as.stranger), member.toRecord());
    await expect(strangerView.export(join(exports.dir, 'stranger'), { type: 'coco' })).rejects.toBeInstanceOf(
      NotFoundError,
    );
    expect(existsSync(join(exports.dir, 'stranger'))).toBe(false);
  });
});
