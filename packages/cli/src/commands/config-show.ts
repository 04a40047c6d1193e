// `teamset config show`: the effective settings and where each came from; the API key is masked.
import type { TeamsetCommand } from '../teamset-command.js';
import { describeSource, maskApiKey, maskDatabaseUri, type ConfigSource } from '@teamset/sdk';

export function registerConfigCommands(program: TeamsetCommand): void {
  const config = program.command('config').description('inspect the configuration (docs/design.md §4)');

  config
    .command('show')
    .description('show api_uri, api_key (masked) and database_uri, and where each came from')
    .run(async (ctx) => {
      const settings = ctx.config();
      const core = await import('@teamset/core');
      // With no database_uri the server and the database connection use core's embedded default; show it.
      const databaseUri = maskDatabaseUri(core.resolveDatabaseUri(settings.databaseUri));
      const databaseSource: ConfigSource | 'default' =
        settings.databaseUri === undefined ? 'default' : settings.sources.databaseUri;
      const view = {
        connection: settings.apiUri === undefined ? 'database' : 'api',
        configPath: settings.configPath,
        configFileFound: settings.configFileFound,
        apiUri: settings.apiUri ?? null,
        apiKey: settings.apiKey === undefined ? null : maskApiKey(settings.apiKey),
        databaseUri,
        sources: { apiUri: settings.sources.apiUri, apiKey: settings.sources.apiKey, databaseUri: databaseSource },
      };
      if (ctx.out.json) return ctx.out.writeJson(view);
      ctx.out.table(
        [
          ['api_uri', view.apiUri ?? '—', describeSource(settings.sources.apiUri)],
          ['api_key', view.apiKey ?? '—', describeSource(settings.sources.apiKey)],
          [
            'database_uri',
            databaseUri,
            databaseSource === 'default' ? 'default (TEAMSET_HOME or ~/.teamset)' : describeSource(databaseSource),
          ],
          ['config file', settings.configPath, settings.configFileFound ? 'found' : 'not found (optional)'],
        ],
        [
          { header: 'SETTING', value: (row: string[]) => row[0] ?? '' },
          { header: 'VALUE', value: (row: string[]) => row[1] ?? '' },
          { header: 'SOURCE', value: (row: string[]) => row[2] ?? '' },
        ],
      );
      ctx.out.line(
        view.connection === 'api'
          ? `Connection: API (${view.apiUri})`
          : 'Connection: database (set api_uri to use a Teamset server)',
      );
    });
}
