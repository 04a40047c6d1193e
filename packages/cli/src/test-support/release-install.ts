// Release tarballs installed into projects outside the repository, as a user would: npm pack, npm install, the README's code.
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPOSITORY = fileURLToPath(new URL('../../../../', import.meta.url));

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end; a non-zero exit is a result to assert on, not a rejection. */
export function run(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; input?: string },
): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = execFile(
      command,
      args,
      { cwd: options.cwd, env: options.env, maxBuffer: 64 * 1024 * 1024 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        if (error && typeof error.code !== 'number') reject(error);
        else resolve({ code, stdout, stderr });
      },
    );
    child.stdin?.end(options.input ?? '');
  });
}

/** `npm run release:pack --no-build` into `dir` (the repository stays untouched); the tarballs' paths by package name. */
export async function packRelease(dir: string, env: NodeJS.ProcessEnv): Promise<Record<string, string>> {
  const packed = await run(
    process.execPath,
    [join(REPOSITORY, 'scripts', 'release-pack.mjs'), '--no-build', '--out', dir],
    { cwd: REPOSITORY, env },
  );
  if (packed.code !== 0) throw new Error(`release:pack failed:\n${packed.stderr}`);
  const tarballs: Record<string, string> = {};
  for (const file of readdirSync(dir)) {
    const name = /^teamset-(\w+)-[\d.]+\.tgz$/.exec(file)?.[1];
    if (name) tarballs[name] = join(dir, file);
  }
  return tarballs;
}

/** A fresh project in `dir` with the given tarballs installed by npm; better-sqlite3's build script allowed, as the root's is. */
export async function installProject(dir: string, tarballs: readonly string[], env: NodeJS.ProcessEnv): Promise<void> {
  writeFileSync(
    join(dir, 'package.json'),
    JSON.stringify({
      name: 'teamset-user-project',
      private: true,
      type: 'module',
      allowScripts: { 'better-sqlite3': true },
    }),
  );
  const installed = await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', ...tarballs], {
    cwd: dir,
    env,
  });
  if (installed.code !== 0) throw new Error(`npm install failed:\n${installed.stdout}\n${installed.stderr}`);
}

/** The README's first TypeScript block that uses `name`: the code people copy, run as it stands. */
export function readmeSnippet(name: string): string {
  const readme = readFileSync(join(REPOSITORY, 'README.md'), 'utf8');
  const block = [...readme.matchAll(/```ts\n([\s\S]*?)```/g)]
    .map((match) => match[1] ?? '')
    .find((code) => code.includes(name));
  if (!block) throw new Error(`README.md has no ts block using ${name}`);
  return block;
}
