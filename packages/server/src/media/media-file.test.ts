// resolveMediaFile: a sample's filepath is served only as a regular file inside a media root — no `..`, symlink or absolute path out.
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MISSING_FILE_MESSAGE, NOT_LOCAL_MESSAGE, OUTSIDE_ROOTS_MESSAGE, resolveMediaFile } from './media-file.js';

describe('resolveMediaFile', () => {
  let dir: string;
  let root: string;
  let outside: string;
  beforeAll(() => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'teamset-media-file-')));
    root = join(dir, 'root');
    outside = join(dir, 'outside');
    mkdirSync(join(root, 'sub'), { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(root, 'sub', 'a.jpg'), 'inside');
    writeFileSync(join(outside, 'secret.txt'), 'outside');
    writeFileSync(join(dir, 'rootish.jpg'), 'a sibling whose name starts like the root');
    symlinkSync(join(outside, 'secret.txt'), join(root, 'escape.jpg'));
    symlinkSync(outside, join(root, 'escape-dir'));
    symlinkSync(join(root, 'sub', 'a.jpg'), join(root, 'alias.jpg'));
    // A spelling of the root through a symlink elsewhere: the file is inside the root all the same.
    symlinkSync(root, join(dir, 'root-link'));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  const resolveIn = (filepath: string, forbidden: string[] = []) => resolveMediaFile(filepath, [root], forbidden);

  it('serves a file inside the root, also through `..` that stays inside, a symlink inside, or a symlinked spelling of the root', async () => {
    for (const filepath of [
      join(root, 'sub', 'a.jpg'),
      join(root, 'sub', '..', 'sub', 'a.jpg'),
      join(root, 'alias.jpg'),
      join(dir, 'root-link', 'sub', 'a.jpg'),
    ]) {
      const file = await resolveIn(filepath);
      expect(file, filepath).toMatchObject({ ok: true, path: join(root, 'sub', 'a.jpg') });
      if (file.ok) expect(file.stats.size).toBe('inside'.length);
    }
  });

  it('refuses `..` leading out, symlinks pointing out (file or folder), absolute paths elsewhere and prefix look-alikes', async () => {
    for (const filepath of [
      join(root, '..', 'outside', 'secret.txt'),
      join(root, 'sub', '..', '..', 'outside', 'secret.txt'),
      join(root, 'escape.jpg'),
      join(root, 'escape-dir', 'secret.txt'),
      join(outside, 'secret.txt'),
      '/etc/passwd',
      `${root}ish.jpg`,
    ]) {
      expect(await resolveIn(filepath), filepath).toEqual({ ok: false, message: OUTSIDE_ROOTS_MESSAGE });
    }
  });

  it('says the same for a missing file outside every root as for an existing one (no probing the disk)', async () => {
    expect(await resolveIn(join(outside, 'no-such-file.txt'))).toEqual({ ok: false, message: OUTSIDE_ROOTS_MESSAGE });
    expect(await resolveIn('/no/such/place.jpg')).toEqual({ ok: false, message: OUTSIDE_ROOTS_MESSAGE });
  });

  it('inside a root: a missing file or a directory is "does not exist"', async () => {
    expect(await resolveIn(join(root, 'missing.jpg'))).toEqual({ ok: false, message: MISSING_FILE_MESSAGE });
    expect(await resolveIn(join(root, 'sub'))).toEqual({ ok: false, message: MISSING_FILE_MESSAGE });
  });

  it('relative paths, URLs and NUL characters are not local files', async () => {
    for (const filepath of [
      'sub/a.jpg',
      './a.jpg',
      's3://bucket/a.jpg',
      'file:///etc/passwd',
      `${root}/sub/a.jpg\u0000.png`,
    ]) {
      expect(await resolveIn(filepath), filepath).toEqual({ ok: false, message: NOT_LOCAL_MESSAGE });
    }
  });

  it('never serves a forbidden file (the embedded database), even inside a root', async () => {
    expect(await resolveIn(join(root, 'sub', 'a.jpg'), [join(root, 'sub', 'a.jpg')])).toEqual({
      ok: false,
      message: OUTSIDE_ROOTS_MESSAGE,
    });
  });

  it('with no roots nothing is served', async () => {
    expect(await resolveMediaFile(join(root, 'sub', 'a.jpg'), [], [])).toEqual({
      ok: false,
      message: OUTSIDE_ROOTS_MESSAGE,
    });
  });
});
