// The database connection: opens the database itself through @teamset/core, full access and no permission checks.
import type * as Core from '@teamset/core';
import { loadCore } from './load-core.js';

export type CoreServices = Awaited<ReturnType<typeof Core.createServices>>;

export class DatabaseConnection {
  readonly kind = 'database';
  /** Undefined: the embedded default that @teamset/core picks (~/.teamset/teamset.db). */
  readonly databaseUri: string | undefined;
  #services: Promise<CoreServices> | undefined;

  constructor(databaseUri?: string) {
    this.databaseUri = databaseUri;
  }

  /**
   * Opens the database on first use. Core is imported here, not at the top, so API-connection
   * users never load the SQLite and PostgreSQL drivers, and need not install core at all.
   */
  services(): Promise<CoreServices> {
    // background: false — revocation polling and lastUsedAt flushing serve API-key checks, which a
    // direct connection never makes; left on, their timers would also keep a script from exiting.
    this.#services ??= loadCore()
      .then((core) => core.createServices({ databaseUri: this.databaseUri, background: false }))
      .catch((error: unknown) => {
        // Forget the failure so a later call (after fixing the database) tries again.
        this.#services = undefined;
        throw error;
      });
    return this.#services;
  }

  async close(): Promise<void> {
    const opened = this.#services;
    this.#services = undefined;
    // A database that never opened has nothing to close; its error went to whoever asked for it.
    const services = await opened?.catch(() => undefined);
    await services?.close();
  }
}
