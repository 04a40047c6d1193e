// Per-invocation state: global flags, the loaded configuration, and the connection (API or database) a command runs on.
import type { Command } from 'commander';
import {
  ApiConnection,
  connect,
  DatabaseConnection,
  loadConfig,
  ManagementClient,
  maskDatabaseUri,
  type Connection,
  type TeamsetConfig,
} from '@teamset/sdk';
import type { AdminBackend } from './backends/admin-backend.js';
import { apiBackend } from './backends/api-backend.js';
import { databaseBackend } from './backends/database-backend.js';
import { CliError } from './cli-errors.js';
import { Output } from './render/output.js';

export interface GlobalOptions {
  json?: boolean;
  /** Work on database_uri directly even when api_uri is set (admin recovery). */
  database?: boolean;
}

export class CliContext {
  readonly out: Output;
  readonly #globals: GlobalOptions;
  #config: TeamsetConfig | undefined;

  constructor(globals: GlobalOptions) {
    this.#globals = globals;
    this.out = new Output(Boolean(globals.json));
  }

  static of(command: Command): CliContext {
    return new CliContext(command.optsWithGlobals<GlobalOptions>());
  }

  /** Loaded on first use, so commands that need no configuration never fail on a bad one. */
  config(): TeamsetConfig {
    this.#config ??= loadConfig();
    return this.#config;
  }

  connection(): Connection {
    if (this.#globals.database) return new DatabaseConnection(this.config().databaseUri);
    // The server marks answers to a key that expires within 7 days: say so once, on stderr, whatever the command.
    return connect({
      config: this.config(),
      http: {
        onKeyExpiring: (expiresAt) =>
          this.out.note(
            `teamset: warning: the API key in use expires ${expiresAt.slice(0, 16).replace('T', ' ')}Z; ` +
              'generate or rotate one before then (`teamset keys rotate <id>`)',
          ),
      },
    });
  }

  /** Runs `work` on the API when api_uri is set, else on the database as the system actor; always closes. */
  async withBackend<T>(work: (backend: AdminBackend) => Promise<T>): Promise<T> {
    const connection = this.connection();
    try {
      if (connection instanceof ApiConnection) return await work(apiBackend(new ManagementClient(connection)));
      const core = await import('@teamset/core');
      if (!this.out.json) {
        const why = this.#globals.database ? '--database' : 'no api_uri set';
        this.out.note(
          `teamset: working on the database ${maskDatabaseUri(core.resolveDatabaseUri(connection.databaseUri))} directly (${why})`,
        );
      }
      return await work(databaseBackend(await connection.services(), core.SYSTEM_ACTOR));
    } finally {
      await connection.close();
    }
  }

  /** For commands only a server can answer (invitations, whoami). */
  managementClient(commandName: string): ManagementClient {
    const connection = this.connection();
    if (connection instanceof ApiConnection) return new ManagementClient(connection);
    const how = this.#globals.database
      ? 'drop --database'
      : `set FIFTYONE_API_URI and FIFTYONE_API_KEY (or api_uri and api_key in ${this.config().configPath})`;
    throw new CliError(`${commandName} needs a Teamset server: ${how}`);
  }
}
