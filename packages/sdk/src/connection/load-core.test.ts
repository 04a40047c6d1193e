// An SDK installed without its optional peer @teamset/core: the database connection says what to install.
import { describe, expect, it } from 'vitest';
import { ConfigError } from '../errors.js';
import { loadCore, MISSING_CORE_MESSAGE } from './load-core.js';

function notFound(message: string): Error {
  return Object.assign(new Error(message), { code: 'ERR_MODULE_NOT_FOUND' });
}

describe('loadCore', () => {
  it('loads core when it is installed', async () => {
    const core = await loadCore();
    expect(typeof core.createServices).toBe('function');
  });

  it('asks to install @teamset/core when it is missing', async () => {
    const missing = loadCore(() =>
      Promise.reject(
        notFound("Cannot find package '@teamset/core' imported from /app/node_modules/@teamset/sdk/dist/x.js"),
      ),
    );
    await expect(missing).rejects.toBeInstanceOf(ConfigError);
    await expect(missing).rejects.toThrow(MISSING_CORE_MESSAGE);
    expect(MISSING_CORE_MESSAGE).toContain('install @teamset/core for a database connection');
  });

  it('passes on a failure inside core, such as its own missing driver', async () => {
    const driver = notFound(
      "Cannot find package 'better-sqlite3' imported from /app/node_modules/@teamset/core/dist/db.js",
    );
    await expect(loadCore(() => Promise.reject(driver))).rejects.toBe(driver);
  });
});
