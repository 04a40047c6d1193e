// Sample media and thumbnails over HTTP on both databases: who may see them, which files may be served, and the HTTP caching rules.
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  realpathSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PATHS, fillPath, type AddSamplesResult, type MediaRootList } from '@teamset/contract';
import { SYSTEM_ACTOR, createServices } from '@teamset/core';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestDatabase, testDialects } from '@teamset/core/testing';
import { buildApp } from '../app.js';
import { thumbnailCachePath } from '../media/thumbnail-cache.js';
import { createAuthFixture, keyHeaders, sessionHeaders, type AuthFixture } from '../test-support/auth-fixture.js';
import { expectError } from '../test-support/http-assertions.js';
import { decodeJpeg, jpegBytes, pngBytes, writeJpeg } from '../test-support/test-images.js';

const NOT_CONFIGURED = /^Media serving is not configured on this server/;
const OUTSIDE = 'This sample’s media file is not inside a media root configured on this server';

describe.each(await testDialects())('sample media routes on %s', (dialect) => {
  let fx: AuthFixture;
  let dir: string;
  let root: string;
  let outside: string;
  let home: string;
  let admin: Record<string, string>;
  let member: Record<string, string>;
  /** Sample ids by name, in the member's dataset. */
  const ids: Record<string, string> = {};
  const DATASET = 'media-photos';
  const OTHER = 'media-other';
  let otherId = '';

  const send = (options: InjectOptions): Promise<LightMyRequestResponse> => fx.inject(options);
  const mediaUrl = (sample: string, dataset = DATASET): string =>
    fillPath(PATHS.sampleMedia, { name: dataset, sampleId: ids[sample] ?? sample });
  const thumbUrl = (sample: string, query = ''): string =>
    `${fillPath(PATHS.sampleThumbnail, { name: DATASET, sampleId: ids[sample] ?? sample })}${query}`;
  const get = (url: string, headers: Record<string, string> = member): Promise<LightMyRequestResponse> =>
    send({ method: 'GET', url, headers });

  beforeAll(async () => {
    dir = realpathSync(mkdtempSync(join(tmpdir(), 'teamset-media-routes-')));
    root = join(dir, 'images');
    outside = join(dir, 'outside');
    home = join(dir, 'home');
    for (const d of [root, outside, home, join(root, 'nested')]) mkdirSync(d, { recursive: true });
    // Thumbnails are cached under TEAMSET_HOME: a private one for this suite.
    vi.stubEnv('TEAMSET_HOME', home);
    writeJpeg(join(root, 'photo.jpg'), 640, 480);
    writeFileSync(join(root, 'nested', 'diagram.png'), pngBytes(300, 600));
    writeFileSync(join(root, 'LOUD.JPG'), jpegBytes(32, 32));
    writeFileSync(join(root, 'anim.gif'), Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'));
    writeFileSync(join(root, 'scan.tif'), Buffer.from([0x49, 0x49, 0x2a, 0, 8, 0, 0, 0]));
    writeFileSync(join(root, 'data.bin'), Buffer.alloc(100, 7));
    writeFileSync(join(outside, 'secret.txt'), 'top secret');
    symlinkSync(join(outside, 'secret.txt'), join(root, 'escape.jpg'));

    fx = await createAuthFixture({ dialect });
    admin = keyHeaders(fx.users.ADMIN.key);
    member = keyHeaders(fx.users.MEMBER.key);
    for (const name of [DATASET, OTHER])
      expect((await send({ method: 'POST', url: PATHS.datasets, headers: member, payload: { name } })).statusCode).toBe(
        201,
      );
    const files: Record<string, string> = {
      photo: join(root, 'photo.jpg'),
      diagram: join(root, 'nested', 'diagram.png'),
      loud: join(root, 'LOUD.JPG'),
      gif: join(root, 'anim.gif'),
      tiff: join(root, 'scan.tif'),
      bin: join(root, 'data.bin'),
      missing: join(root, 'missing.jpg'),
      dotdot: `${root}/nested/../../outside/secret.txt`,
      symlink: join(root, 'escape.jpg'),
      absolute: join(outside, 'secret.txt'),
      system: '/etc/passwd',
      relative: 'images/photo.jpg',
    };
    const added = await send({
      method: 'POST',
      url: fillPath(PATHS.samples, { name: DATASET }),
      headers: member,
      payload: { samples: Object.values(files).map((filepath) => ({ filepath })) },
    });
    expect(added.statusCode, added.body).toBe(201);
    added.json<AddSamplesResult>().ids.forEach((id, i) => (ids[Object.keys(files)[i] ?? ''] = id));
    const other = await send({
      method: 'POST',
      url: fillPath(PATHS.samples, { name: OTHER }),
      headers: member,
      payload: { samples: [{ filepath: join(root, 'photo.jpg') }] },
    });
    otherId = other.json<AddSamplesResult>().ids[0] ?? '';
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await fx?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('with no media root configured: 404 saying media serving is not configured (after the dataset check)', async () => {
    expect(expectError(await get(mediaUrl('photo')), 404, 'NOT_FOUND').message).toMatch(NOT_CONFIGURED);
    expect(expectError(await get(thumbUrl('photo')), 404, 'NOT_FOUND').message).toMatch(NOT_CONFIGURED);
    expect(expectError(await get(mediaUrl('photo', 'no such dataset')), 404).message).not.toMatch(NOT_CONFIGURED);
  });

  describe('media-root settings', () => {
    it('are admin-only', async () => {
      for (const headers of [
        member,
        keyHeaders(fx.users.COLLABORATOR.key),
        sessionHeaders(await fx.newSession('MEMBER')),
      ]) {
        expectError(await send({ method: 'GET', url: PATHS.organizationMediaRoots, headers }), 403, 'FORBIDDEN');
        expectError(
          await send({ method: 'PUT', url: PATHS.organizationMediaRoots, headers, payload: { roots: [root] } }),
          403,
          'FORBIDDEN',
        );
      }
    });

    it('validate each path (absolute, existing directory) and name the entry', async () => {
      const put = (roots: unknown[]) =>
        send({ method: 'PUT', url: PATHS.organizationMediaRoots, headers: admin, payload: { roots } });
      expect(expectError(await put(['images']), 400, 'BAD_REQUEST')).toMatchObject({
        message: expect.stringMatching(/^“.*” is not an absolute path/),
        details: { field: 'roots', index: 0 },
      });
      expect(expectError(await put([root, join(dir, 'nope')]), 400).message).toMatch(/^“.*nope” does not exist/);
      expect(expectError(await put([join(root, 'photo.jpg')]), 400).message).toMatch(/is not a directory/);
      expect(expectError(await put([home]), 400).message).toMatch(/Teamset’s own data/);
      expect(expectError(await put([42]), 400).message).toContain('body.roots');
      expect(
        (await send({ method: 'GET', url: PATHS.organizationMediaRoots, headers: admin })).json<MediaRootList>(),
      ).toEqual({ roots: [] });
    });

    it('an admin sets them (stored as realpaths) and reads them back', async () => {
      const response = await send({
        method: 'PUT',
        url: PATHS.organizationMediaRoots,
        headers: sessionHeaders(fx.adminSession),
        payload: { roots: [`${root}/nested/..`] },
      });
      expect(response.statusCode, response.body).toBe(200);
      expect(response.json<MediaRootList>()).toEqual({
        roots: [{ path: root, source: 'organization', available: true }],
      });
      expect(
        (await send({ method: 'GET', url: PATHS.organizationMediaRoots, headers: admin })).json<MediaRootList>(),
      ).toEqual(response.json());
    });
  });

  describe('GET …/media', () => {
    it('streams the file with its type, length, validators and private caching', async () => {
      const response = await get(mediaUrl('photo'));
      expect(response.statusCode, response.body).toBe(200);
      const bytes = readFileSync(join(root, 'photo.jpg'));
      expect(response.headers['content-type']).toBe('image/jpeg');
      expect(response.headers['content-length']).toBe(String(bytes.length));
      expect(response.rawPayload.equals(bytes)).toBe(true);
      expect(response.headers['accept-ranges']).toBe('bytes');
      expect(response.headers.etag).toMatch(/^"[A-Za-z0-9_-]+"$/);
      expect(response.headers['last-modified']).toBe(statSync(join(root, 'photo.jpg')).mtime.toUTCString());
      expect(response.headers['cache-control']).toMatch(/^private, max-age=\d+$/);
      expect(response.headers['x-content-type-options']).toBe('nosniff');
    });

    it('content type by extension, any case; unknown extensions are application/octet-stream', async () => {
      expect((await get(mediaUrl('diagram'))).headers['content-type']).toBe('image/png');
      expect((await get(mediaUrl('loud'))).headers['content-type']).toBe('image/jpeg');
      expect((await get(mediaUrl('gif'))).headers['content-type']).toBe('image/gif');
      expect((await get(mediaUrl('tiff'))).headers['content-type']).toBe('image/tiff');
      const bin = await get(mediaUrl('bin'));
      expect(bin.headers['content-type']).toBe('application/octet-stream');
      expect(bin.rawPayload.equals(Buffer.alloc(100, 7))).toBe(true);
    });

    it('a single byte range → 206 with Content-Range; past the end → 416; several ranges → the whole file', async () => {
      const bytes = readFileSync(join(root, 'photo.jpg'));
      const first = await send({ method: 'GET', url: mediaUrl('photo'), headers: { ...member, range: 'bytes=0-9' } });
      expect(first.statusCode).toBe(206);
      expect(first.headers['content-range']).toBe(`bytes 0-9/${bytes.length}`);
      expect(first.headers['content-length']).toBe('10');
      expect(first.rawPayload.equals(bytes.subarray(0, 10))).toBe(true);
      const tail = await send({ method: 'GET', url: mediaUrl('photo'), headers: { ...member, range: 'bytes=-16' } });
      expect(tail.statusCode).toBe(206);
      expect(tail.rawPayload.equals(bytes.subarray(bytes.length - 16))).toBe(true);
      const past = await send({
        method: 'GET',
        url: mediaUrl('photo'),
        headers: { ...member, range: `bytes=${bytes.length}-` },
      });
      expect(past.statusCode).toBe(416);
      expect(past.headers['content-range']).toBe(`bytes */${bytes.length}`);
      expect(past.json<{ error: { message: string } }>().error.message).toContain('not satisfiable');
      const several = await send({
        method: 'GET',
        url: mediaUrl('photo'),
        headers: { ...member, range: 'bytes=0-1,5-6' },
      });
      expect(several.statusCode).toBe(200);
      expect(several.rawPayload.length).toBe(bytes.length);
      // If-Range with a stale validator: the range is dropped and the current file sent whole.
      const stale = await send({
        method: 'GET',
        url: mediaUrl('photo'),
        headers: { ...member, range: 'bytes=0-9', 'if-range': '"stale"' },
      });
      expect(stale.statusCode).toBe(200);
      expect(stale.rawPayload.length).toBe(bytes.length);
    });

    it('If-None-Match with the ETag, or If-Modified-Since, → 304 without a body; HEAD → headers only', async () => {
      const first = await get(mediaUrl('photo'));
      const etag = String(first.headers.etag);
      const again = await send({
        method: 'GET',
        url: mediaUrl('photo'),
        headers: { ...member, 'if-none-match': etag },
      });
      expect(again.statusCode).toBe(304);
      expect(again.body).toBe('');
      expect(again.headers.etag).toBe(etag);
      expect(
        (
          await send({
            method: 'GET',
            url: mediaUrl('photo'),
            headers: { ...member, 'if-modified-since': String(first.headers['last-modified']) },
          })
        ).statusCode,
      ).toBe(304);
      expect(
        (await send({ method: 'GET', url: mediaUrl('photo'), headers: { ...member, 'if-none-match': '"other"' } }))
          .statusCode,
      ).toBe(200);
      const head = await send({ method: 'HEAD', url: mediaUrl('photo'), headers: member });
      expect(head.statusCode).toBe(200);
      expect(head.headers['content-length']).toBe(first.headers['content-length']);
      expect(head.body).toBe('');
    });

    it('refuses `..` out of the root, a symlink pointing out, absolute paths elsewhere and relative paths — 404 without the path', async () => {
      for (const sample of ['dotdot', 'symlink', 'absolute', 'system']) {
        for (const url of [mediaUrl(sample), thumbUrl(sample)]) {
          const error = expectError(await get(url), 404, 'NOT_FOUND');
          expect(error.message, sample).toBe(OUTSIDE);
          expect(error.message).not.toContain(dir);
        }
      }
      expect(expectError(await get(mediaUrl('relative')), 404).message).toMatch(/not an absolute local path/);
      expect(expectError(await get(mediaUrl('missing')), 404).message).toMatch(/does not exist/);
    });

    it('a sample of another dataset (even one the caller can see) → 404', async () => {
      expectError(await get(mediaUrl(otherId)), 404, 'NOT_FOUND');
      expectError(await get(fillPath(PATHS.sampleThumbnail, { name: DATASET, sampleId: otherId })), 404, 'NOT_FOUND');
      expect((await get(mediaUrl(otherId, OTHER))).statusCode).toBe(200);
    });

    it('needs VIEW: no access is 404 (as for a missing dataset); VIEW is enough, also for a guest by session cookie without CSRF', async () => {
      const collaborator = keyHeaders(fx.users.COLLABORATOR.key);
      const guestSession = sessionHeaders(await fx.newSession('GUEST'), { csrf: false });
      for (const headers of [collaborator, guestSession]) {
        expect(expectError(await get(mediaUrl('photo'), headers), 404).message).toMatch(/dataset/i);
        expectError(await get(thumbUrl('photo'), headers), 404);
      }
      const grant = (user: string, permission: string) =>
        send({
          method: 'PUT',
          url: fillPath(PATHS.datasetUserPermission, { name: DATASET, user }),
          headers: member,
          payload: { permission },
        });
      expect((await grant(fx.users.COLLABORATOR.email, 'NO_ACCESS')).statusCode).toBe(200);
      expectError(await get(mediaUrl('photo'), collaborator), 404);
      expect((await grant(fx.users.COLLABORATOR.email, 'VIEW')).statusCode).toBe(200);
      expect((await grant(fx.users.GUEST.email, 'VIEW')).statusCode).toBe(200);
      for (const headers of [collaborator, guestSession]) {
        expect((await get(mediaUrl('photo'), headers)).statusCode).toBe(200);
        expect((await get(thumbUrl('photo'), headers)).statusCode).toBe(200);
      }
    });
  });

  it('a scoped key (issue 15): media and thumbnails of a dataset its list leaves out are 404, of a listed one 200 at VIEW', async () => {
    const keyFor = async (datasets: string[]) =>
      keyHeaders(
        (
          await fx.services.keys.generate(SYSTEM_ACTOR, {
            name: `media ${datasets.join(',')}`,
            user: fx.users.MEMBER.user.id,
            maxPermission: 'VIEW',
            datasets,
          })
        ).key,
      );
    const elsewhere = await keyFor([OTHER]);
    expect(expectError(await get(mediaUrl('photo'), elsewhere), 404).message).toMatch(/dataset/i);
    expect(expectError(await get(thumbUrl('photo'), elsewhere), 404).message).toMatch(/dataset/i);
    expect((await get(mediaUrl(otherId, OTHER), elsewhere)).statusCode).toBe(200);
    const listed = await keyFor([DATASET]);
    expect((await get(mediaUrl('photo'), listed)).statusCode).toBe(200);
    expect((await get(thumbUrl('photo'), listed)).statusCode).toBe(200);
  });

  describe('GET …/thumbnail', () => {
    it('makes a small JPEG on first request, caches it on disk under TEAMSET_HOME, and serves the cached file next time', async () => {
      const source = join(root, 'nested', 'diagram.png');
      const cacheFile = thumbnailCachePath(join(home, 'thumbnails'), source, statSync(source), 256);
      const first = await get(thumbUrl('diagram'));
      expect(first.statusCode, first.body).toBe(200);
      expect(first.headers['content-type']).toBe('image/jpeg');
      expect(first.headers['x-teamset-thumbnail']).toBe('made');
      const image = decodeJpeg(first.rawPayload);
      expect([image.width, image.height]).toEqual([128, 256]);
      expect(readFileSync(cacheFile).equals(first.rawPayload)).toBe(true);
      expect(first.headers['content-length']).toBe(String(first.rawPayload.length));

      const second = await get(thumbUrl('diagram'));
      expect(second.headers['x-teamset-thumbnail']).toBe('cached');
      expect(second.rawPayload.equals(first.rawPayload)).toBe(true);
      expect(second.headers.etag).toBe(first.headers.etag);
      expect(second.headers.etag).not.toBe((await get(mediaUrl('diagram'))).headers.etag);
      const notModified = await send({
        method: 'GET',
        url: thumbUrl('diagram'),
        headers: { ...member, 'if-none-match': String(first.headers.etag) },
      });
      expect(notModified.statusCode).toBe(304);
    });

    it('?size= picks one of the allowed sizes; any other is a 400 listing them', async () => {
      const small = await get(thumbUrl('photo', '?size=128'));
      expect(small.statusCode).toBe(200);
      const image = decodeJpeg(small.rawPayload);
      expect(Math.max(image.width, image.height)).toBe(128);
      const error = expectError(await get(thumbUrl('photo', '?size=100')), 400, 'BAD_REQUEST');
      expect(error.message).toContain('query.size');
      for (const size of ['128', '256', '512']) expect(error.message).toContain(size);
      expect(expectError(await get(thumbUrl('photo', '?width=10')), 400).message).toBe(
        'query.width is not an allowed field',
      );
    });

    it('?crop= makes a patch tile: the box of the upright image, cached on its own; a box outside 0–1 is a 400', async () => {
      const whole = await get(thumbUrl('diagram'));
      const half = await get(thumbUrl('diagram', '?crop=0.5,0.25,0.5,0.5'));
      expect(half.statusCode, half.body).toBe(200);
      expect(half.headers['x-teamset-thumbnail']).toBe('made');
      // 150×300 pixels of the 300×600 image fit the default 256 as 128×256.
      const image = decodeJpeg(half.rawPayload);
      expect([image.width, image.height]).toEqual([128, 256]);
      expect(half.headers.etag).not.toBe(whole.headers.etag);
      const again = await get(thumbUrl('diagram', '?crop=0.50,0.25,0.5,0.500'));
      expect(again.headers['x-teamset-thumbnail']).toBe('cached');
      // A small box is not enlarged: the browser scales the tile.
      const tiny = decodeJpeg((await get(thumbUrl('diagram', '?crop=0,0,0.1,0.05&size=128'))).rawPayload);
      expect([tiny.width, tiny.height]).toEqual([30, 30]);
      for (const crop of ['0,0,0,0.5', '0.5,0.5,1.5,0.5', '2,0,0.1,0.1']) {
        expect(expectError(await get(thumbUrl('diagram', `?crop=${crop}`)), 400, 'BAD_REQUEST').message).toMatch(
          /^crop must be x,y,width,height/,
        );
      }
      expect(expectError(await get(thumbUrl('diagram', '?crop=a,b,c,d')), 400, 'BAD_REQUEST').message).toContain(
        'query.crop',
      );
      // A format the server cannot cut is a 404, not the whole picture.
      expectError(await get(thumbUrl('gif', '?crop=0,0,0.5,0.5')), 404, 'NOT_FOUND');
    });

    it('a format the server does not decode: GIF (a browser shows it) is sent as it is, TIFF gets a 404 the grid shows as a placeholder', async () => {
      const gif = await get(thumbUrl('gif'));
      expect(gif.statusCode).toBe(200);
      expect(gif.headers['content-type']).toBe('image/gif');
      expect(gif.headers['x-teamset-thumbnail']).toBe('original');
      expect(expectError(await get(thumbUrl('tiff')), 404, 'NOT_FOUND').message).toMatch(
        /^No thumbnail for this sample: .*TIFF/,
      );
      expectError(await get(thumbUrl('missing')), 404, 'NOT_FOUND');
    });
  });

  it('server media roots (teamset serve --media-root) are listed read-only and serve on their own', async () => {
    const tdb = await createTestDatabase(dialect);
    const services = await createServices({ databaseUri: tdb.uri, background: false, mediaRoots: [root] });
    const app = await buildApp({ services, logLevel: false });
    try {
      const adminUser = await services.users.create(
        { kind: 'system', ip: null },
        { email: 'root@example.com', name: 'Root', role: 'ADMIN' },
      );
      const { key } = await services.keys.generate({ kind: 'system', ip: null }, { name: 'k', user: adminUser.id });
      const headers = keyHeaders(key);
      expect(
        (await app.inject({ method: 'GET', url: PATHS.organizationMediaRoots, headers })).json<MediaRootList>(),
      ).toEqual({ roots: [{ path: root, source: 'server', available: true }] });
      await app.inject({ method: 'POST', url: PATHS.datasets, headers, payload: { name: 'served' } });
      const added = await app.inject({
        method: 'POST',
        url: fillPath(PATHS.samples, { name: 'served' }),
        headers,
        payload: { samples: [{ filepath: join(root, 'photo.jpg') }] },
      });
      const id = added.json<AddSamplesResult>().ids[0] ?? '';
      expect(
        (
          await app.inject({
            method: 'GET',
            url: fillPath(PATHS.sampleMedia, { name: 'served', sampleId: id }),
            headers,
          })
        ).statusCode,
      ).toBe(200);
    } finally {
      await app.close();
      await services.close();
      await tdb.drop();
    }
  });
});
