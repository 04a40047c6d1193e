// `teamset serve --media-root` / TEAMSET_MEDIA_ROOTS: flags over the variable, a bad root stops start-up, a good one serves media.
import { mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { SYSTEM_ACTOR, createServices } from '@teamset/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serverMediaRoots } from './commands/serve.js';
import { createSandbox, freePort, runTeamset, spawnTeamset, type CliSandbox } from './test-support/run-teamset.js';

describe('serverMediaRoots', () => {
  it('takes the --media-root flags when given, else TEAMSET_MEDIA_ROOTS split at the path delimiter', () => {
    const env = { TEAMSET_MEDIA_ROOTS: ['/data/a', '', '/data/b'].join(delimiter) };
    expect(serverMediaRoots(['/flag'], env)).toEqual(['/flag']);
    expect(serverMediaRoots(undefined, env)).toEqual(['/data/a', '/data/b']);
    expect(serverMediaRoots([], {})).toEqual([]);
  });
});

describe('teamset serve with media roots (built CLI)', () => {
  let sandbox: CliSandbox;
  let images: string;
  beforeAll(() => {
    sandbox = createSandbox();
    images = join(realpathSync(sandbox.dir), 'images');
    mkdirSync(images);
    writeFileSync(join(images, 'a.png'), 'not really a png, served as one by its name');
  });
  afterAll(() => sandbox?.cleanup());

  it('a thumbnail cache budget that is not a whole number of MiB is a usage error, from the flag or the environment', async () => {
    const flag = await runTeamset(['serve', '--port', '0', '--thumbnail-cache', '0'], { env: sandbox.env });
    expect(flag.code).toBe(2);
    expect(flag.stderr).toContain("option '--thumbnail-cache <MiB>' argument '0' is invalid");
    const env = await runTeamset(['serve', '--port', '0'], {
      env: { ...sandbox.env, TEAMSET_THUMBNAIL_CACHE_MB: '2GB' },
    });
    expect(env.code).toBe(2);
    expect(env.stderr).toContain('TEAMSET_THUMBNAIL_CACHE_MB: Expected a whole number of 1 or more.');
  });

  it('a root that is not an absolute directory stops the server with the reason', async () => {
    const result = await runTeamset(['serve', '--port', '0', '--media-root', 'relative/images'], { env: sandbox.env });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('media root: “relative/images” is not an absolute path');
  });

  it('TEAMSET_MEDIA_ROOTS is listed as a server root, and its files are served', async () => {
    const services = await createServices({ databaseUri: sandbox.databaseUri, background: false });
    await services.users.create(SYSTEM_ACTOR, { email: 'admin@example.com', name: 'Admin', role: 'ADMIN' });
    const { key } = await services.keys.generate(SYSTEM_ACTOR, { name: 'admin', user: 'admin@example.com' });
    await services.datasets.create(SYSTEM_ACTOR, { name: 'pictures' });
    const [id] = (await services.samples.addSamples(SYSTEM_ACTOR, 'pictures', [{ filepath: join(images, 'a.png') }]))
      .ids;
    await services.close();

    const port = await freePort();
    // A thumbnail cache budget from the environment is taken as well.
    const child = spawnTeamset(['serve', '--port', String(port), '--host', '127.0.0.1'], {
      ...sandbox.env,
      TEAMSET_MEDIA_ROOTS: images,
      TEAMSET_THUMBNAIL_CACHE_MB: '64',
    });
    let output = '';
    child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
    try {
      const url = `http://127.0.0.1:${port}`;
      const deadline = Date.now() + 20_000;
      for (;;) {
        if (child.exitCode !== null) throw new Error(`teamset serve exited: ${output}`);
        if (
          await fetch(`${url}/health`).then(
            (r) => r.ok,
            () => false,
          )
        )
          break;
        if (Date.now() > deadline) throw new Error(`teamset serve did not start: ${output}`);
        await new Promise((r) => setTimeout(r, 100));
      }
      const headers = { 'x-api-key': key };
      const roots = await (await fetch(`${url}/api/v1/organization/media-roots`, { headers })).json();
      expect(roots).toEqual({ roots: [{ path: images, source: 'server', available: true }] });
      const media = await fetch(`${url}/api/v1/datasets/pictures/samples/${id}/media`, { headers });
      expect(media.status).toBe(200);
      expect(media.headers.get('content-type')).toBe('image/png');
      expect(await media.text()).toBe('not really a png, served as one by its name');
    } finally {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    }
  });
});
