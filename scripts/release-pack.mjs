// `npm run release:pack`: builds, then packs every package users install into release/*.tgz (the web app inside the server's).
// `--no-build` packs what is built; `--out DIR` packs into DIR instead (the install test uses a temporary one).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What users install, dependencies first; packages/web ships inside @teamset/server. */
const RELEASE_PACKAGES = ['contract', 'core', 'server', 'sdk', 'cli'];

const root = fileURLToPath(new URL('..', import.meta.url));
const outAt = process.argv.indexOf('--out');
const release = outAt > 0 && process.argv[outAt + 1] ? resolve(process.argv[outAt + 1]) : join(root, 'release');
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

if (!process.argv.includes('--no-build')) execFileSync(npm, ['run', 'build'], { cwd: root, stdio: 'inherit' });
rmSync(release, { recursive: true, force: true });
mkdirSync(release, { recursive: true });
const workspaces = RELEASE_PACKAGES.flatMap((name) => ['-w', `packages/${name}`]);
execFileSync(npm, ['pack', ...workspaces, '--pack-destination', release, '--silent'], {
  cwd: root,
  stdio: ['ignore', 'ignore', 'inherit'],
});
for (const file of readdirSync(release).sort()) console.log(relative(process.cwd(), join(release, file)));
