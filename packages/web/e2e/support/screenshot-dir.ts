// Where the browser tests save their pictures: a temporary folder, or docs/screenshots when `npm run screenshots` asks.
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/**
 * `npm test` must leave tracked files alone, so the pictures go to a temporary folder unless
 * TEAMSET_SCREENSHOT_DIR names one (relative to the folder the tests run from).
 */
export function screenshotDir(env: NodeJS.ProcessEnv = process.env): string {
  const chosen = env.TEAMSET_SCREENSHOT_DIR;
  return chosen ? resolve(chosen) : join(tmpdir(), 'teamset-screenshots');
}
