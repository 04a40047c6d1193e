// `teamset migrate`: applies pending database migrations to database_uri (or the embedded default).
import type { TeamsetCommand } from '../teamset-command.js';
import { maskDatabaseUri } from '@teamset/sdk';

export function registerMigrateCommand(program: TeamsetCommand): void {
  program
    .command('migrate')
    .description('apply pending database migrations (the server also applies them when it starts)')
    .run(async (ctx) => {
      const { databaseUri } = ctx.config();
      const core = await import('@teamset/core');
      const { applied } = await core.migrateDatabase(databaseUri);
      const target = maskDatabaseUri(core.resolveDatabaseUri(databaseUri));
      if (ctx.out.json) return ctx.out.writeJson({ database: target, applied });
      if (applied.length === 0) return ctx.out.line(`${target} is up to date`);
      ctx.out.line(`Applied ${applied.length} migration${applied.length === 1 ? '' : 's'} to ${target}:`);
      for (const name of applied) ctx.out.line(`  ${name}`);
    });
}
