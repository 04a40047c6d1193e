// Loads @teamset/core, an optional peer of the SDK, for a database connection; without it, says what to install.
import type * as Core from '@teamset/core';
import { ConfigError } from '../errors.js';

export type CoreModule = typeof Core;

export const MISSING_CORE_MESSAGE =
  'A database connection needs @teamset/core, which is not installed: install @teamset/core for a database connection ' +
  '(npm install @teamset/core), or set FIFTYONE_API_URI (api_uri) and FIFTYONE_API_KEY to use the API connection';

/** Node's answer to an import of a package that is not installed (not a failure inside the package). */
function isCoreMissing(error: unknown): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    typeof message === 'string' &&
    message.includes("'@teamset/core'")
  );
}

/** The import is a parameter so tests can stand in for an install without core. */
export async function loadCore(
  importCore: () => Promise<CoreModule> = () => import('@teamset/core'),
): Promise<CoreModule> {
  try {
    return await importCore();
  } catch (error) {
    if (isCoreMissing(error)) throw new ConfigError(MISSING_CORE_MESSAGE, { cause: error });
    throw error;
  }
}
