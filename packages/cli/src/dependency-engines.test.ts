// What an install pulls in runs on the Node version the README and every package.json state (≥ 20.19).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
// npm's own range parser, already installed (hoisted from the dev tools), so no second parser of ranges here.
const semver = require('semver') as {
  satisfies(version: string, range: string): boolean;
  minVersion(range: string): { version: string } | null;
};
const lock = JSON.parse(readFileSync(new URL('../../../package-lock.json', import.meta.url), 'utf8')) as {
  packages: Record<string, { engines?: { node?: string } | string[]; dev?: boolean }>;
};
const root = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
  engines: { node: string };
};

describe('dependency engines', () => {
  it('every runtime dependency accepts the oldest Node the project supports', () => {
    const oldest = semver.minVersion(root.engines.node)?.version ?? '';
    expect(oldest).toBe('20.19.0');
    const refusing = Object.entries(lock.packages)
      .filter(([path, entry]) => path !== '' && !entry.dev)
      .filter(([, entry]) => {
        const node = Array.isArray(entry.engines) ? undefined : entry.engines?.node;
        return node !== undefined && !semver.satisfies(oldest, node);
      })
      .map(([path]) => path)
      .sort();
    expect(refusing).toEqual([]);
  });

  it('states the same Node range in every package users install', () => {
    for (const name of ['contract', 'core', 'server', 'sdk', 'cli']) {
      const manifest = JSON.parse(readFileSync(new URL(`../../${name}/package.json`, import.meta.url), 'utf8')) as {
        engines?: { node?: string };
      };
      expect(manifest.engines?.node, name).toBe(root.engines.node);
    }
  });
});
