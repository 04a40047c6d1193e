// MediaRootService on SQLite and PostgreSQL: admin-only, each root validated and stored as its realpath, server roots added read-only.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { SYSTEM_ACTOR } from '../actor.js';
import { createServices, type Services } from '../services.js';
import {
  createTestServices,
  expectAppError,
  seedTeam,
  type Team,
  type TestServices,
} from '../test-support/identity-fixtures.js';
import { createTestDatabase, testDialects } from '../test-support/test-databases.js';

describe.each(await testDialects())('MediaRootService on %s', (dialect) => {
  let ctx: TestServices;
  let services: Services;
  let team: Team;
  let dir: string;
  let images: string;
  let more: string;
  let serverRoot: string;

  beforeAll(async () => {
    // realpath: on some systems the temp folder itself sits behind a symlink (/tmp → /private/tmp).
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'teamset-media-roots-')));
    images = join(dir, 'images');
    more = join(dir, 'more');
    serverRoot = join(dir, 'server');
    for (const d of [images, more, serverRoot, join(dir, 'home')]) mkdirSync(d);
    writeFileSync(join(dir, 'a-file.txt'), 'not a directory');
    symlinkSync(images, join(dir, 'images-link'));
    // Teamset's home inside the fixture folder, so "a root holding Teamset's own data" can be tried safely.
    vi.stubEnv('TEAMSET_HOME', join(dir, 'home'));
    ctx = await createTestServices(dialect, { background: false, mediaRoots: [serverRoot] });
    services = ctx.services;
    team = await seedTeam(services);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await ctx?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('starts with the server’s roots only, marked read-only (source server)', async () => {
    expect(await services.mediaRoots.list(team.as.admin)).toEqual([
      { path: serverRoot, source: 'server', available: true },
    ]);
    expect(await services.mediaRoots.effective()).toEqual([serverRoot]);
  });

  it('is readable and changeable by admins only; a refused change changes nothing', async () => {
    for (const actor of [team.as.member, team.as.collaborator, team.as.guest]) {
      await expectAppError(services.mediaRoots.list(actor), 'FORBIDDEN');
      await expectAppError(services.mediaRoots.replace(actor, [images]), 'FORBIDDEN');
    }
    expect(await services.mediaRoots.effective()).toEqual([serverRoot]);
  });

  it('stores each root as the realpath of the directory: symlinks, `..` and trailing slashes resolved, duplicates merged', async () => {
    const roots = await services.mediaRoots.replace(team.as.admin, [
      `${join(dir, 'images-link')}/`,
      join(more, '..', 'more'),
      images,
    ]);
    expect(roots).toEqual([
      { path: serverRoot, source: 'server', available: true },
      { path: images, source: 'organization', available: true },
      { path: more, source: 'organization', available: true },
    ]);
    expect(await services.mediaRoots.effective()).toEqual([serverRoot, images, more]);
    // Another server on the same database sees the same organization roots.
    const other = await ctx.openAnother({ background: false });
    expect(await other.mediaRoots.effective()).toEqual([images, more]);
  });

  it('refuses relative, missing, non-directory and filesystem-root paths, and roots holding Teamset’s own data, naming the entry', async () => {
    const cases: Array<[string, RegExp]> = [
      ['images', /^“images” is not an absolute path/],
      [join(dir, 'missing'), /^“.*” does not exist/],
      [join(dir, 'a-file.txt'), /^“.*” is not a directory/],
      ['/', /filesystem root cannot be a media root/],
      [dir, /holds Teamset’s own data/],
      ['  ', /must not be empty/],
    ];
    for (const [path, message] of cases) {
      const error = await expectAppError(services.mediaRoots.replace(team.as.admin, [path]), 'BAD_REQUEST', message);
      expect(error.details).toEqual({ field: 'roots', index: 0 });
    }
    // All or nothing: a good root before a bad one is not kept.
    const error = await expectAppError(
      services.mediaRoots.replace(team.as.admin, [images, join(dir, 'missing')]),
      'BAD_REQUEST',
      /^“.*missing” does not exist/,
    );
    expect(error.details).toEqual({ field: 'roots', index: 1 });
    expect(await services.mediaRoots.effective()).toEqual([serverRoot, images, more]);
  });

  it('audits each change with the lists before and after', async () => {
    await services.mediaRoots.replace(team.as.admin, [more]);
    const [event] = await services.audit.list(team.as.admin, { action: 'organization.update', limit: 1 });
    expect(event).toMatchObject({
      actorId: team.admin.id,
      details: { before: { mediaRoots: [images, more] }, after: { mediaRoots: [more] } },
    });
  });

  it('admins saving at the same time: every save succeeds and the result is exactly one of them', async () => {
    const lists = [[images], [more], [images, more], [more, images], []];
    await Promise.all(lists.map((list) => services.mediaRoots.replace(team.as.admin, list)));
    const final = (await services.mediaRoots.effective()).filter((path) => path !== serverRoot);
    expect(lists.map((list) => JSON.stringify(list))).toContain(JSON.stringify(final));
  });

  it('reports a root whose directory went away as unavailable (and an empty list clears them)', async () => {
    const gone = join(dir, 'gone');
    mkdirSync(gone);
    await services.mediaRoots.replace(SYSTEM_ACTOR, [gone, more]);
    rmSync(gone, { recursive: true });
    expect((await services.mediaRoots.list(team.as.admin)).find((r) => r.path === gone)?.available).toBe(false);
    expect(await services.mediaRoots.replace(team.as.admin, [])).toEqual([
      { path: serverRoot, source: 'server', available: true },
    ]);
  });

  it('a bad server root stops start-up with the reason', async () => {
    const tdb = await createTestDatabase(dialect);
    try {
      await expect(
        createServices({ databaseUri: tdb.uri, background: false, mediaRoots: ['relative/dir'] }),
      ).rejects.toThrow(/media root: “relative\/dir” is not an absolute path/);
      await expect(
        createServices({ databaseUri: tdb.uri, background: false, mediaRoots: [join(dir, 'nope')] }),
      ).rejects.toThrow(/does not exist/);
    } finally {
      await tdb.drop();
    }
  });
});
