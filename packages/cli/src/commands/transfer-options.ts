// Option parsers and the connection wrapper shared by `teamset import` and `teamset export`.
import type { Command } from 'commander';
import {
  DatabaseConnection,
  FORMAT_TYPES,
  MEDIA_MODES,
  maskDatabaseUri,
  type Connection,
  type FormatType,
  type MediaMode,
} from '@teamset/sdk';
import { CliContext } from '../cli-context.js';
import { choiceParser, lower } from '../option-parsers.js';

export const parseFormatType: (value: string) => FormatType = choiceParser(FORMAT_TYPES, lower);

export const parseMediaMode: (value: string) => MediaMode = choiceParser(MEDIA_MODES, lower);

/** Runs `work` on the configured connection (API, or the database like every other command), closing it after. */
export async function withConnection<T>(
  command: Command,
  work: (ctx: CliContext, connection: Connection) => Promise<T>,
): Promise<T> {
  const ctx = CliContext.of(command);
  const connection = ctx.connection();
  try {
    if (connection instanceof DatabaseConnection && !ctx.out.json) {
      const core = await import('@teamset/core');
      const why = command.optsWithGlobals<{ database?: boolean }>().database ? '--database' : 'no api_uri set';
      ctx.out.note(
        `teamset: working on the database ${maskDatabaseUri(core.resolveDatabaseUri(connection.databaseUri))} directly (${why})`,
      );
    }
    return await work(ctx, connection);
  } finally {
    await connection.close();
  }
}
