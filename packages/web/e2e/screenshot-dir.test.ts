// The browser suite's pictures: a temporary folder during `npm test`, docs/screenshots only through `npm run screenshots`.
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { SCREENSHOT_DIR } from './support/browser.js';
import { screenshotDir } from './support/screenshot-dir.js';

const REPOSITORY = fileURLToPath(new URL('../../../', import.meta.url));

describe('screenshotDir', () => {
  it('is outside the repository by default, so the suite leaves docs/screenshots untouched', () => {
    // `npm run screenshots` points the suite at docs/screenshots on purpose; the default must still be outside.
    const dirs = process.env.TEAMSET_SCREENSHOT_DIR ? [screenshotDir({})] : [SCREENSHOT_DIR, screenshotDir({})];
    for (const dir of dirs) {
      expect(relative(REPOSITORY, dir).startsWith('..')).toBe(true);
      expect(dir.startsWith(tmpdir())).toBe(true);
    }
  });

  it('is the folder TEAMSET_SCREENSHOT_DIR names, relative to the working folder', () => {
    expect(screenshotDir({ TEAMSET_SCREENSHOT_DIR: 'docs/screenshots' })).toBe(resolve('docs/screenshots'));
    expect(screenshotDir({ TEAMSET_SCREENSHOT_DIR: join(REPOSITORY, 'docs', 'screenshots') })).toBe(
      join(REPOSITORY, 'docs', 'screenshots'),
    );
  });
});
