// Builds the `teamset` command tree: global flags, one-line error output, and every subcommand.
import { TeamsetCommand } from './teamset-command.js';
import { registerConfigCommands } from './commands/config-show.js';
import { registerDatasetsCommands } from './commands/datasets.js';
import { registerExportCommand } from './commands/export.js';
import { registerGroupsCommands } from './commands/groups.js';
import { registerImportCommand } from './commands/import.js';
import { registerInvitationsCommands } from './commands/invitations.js';
import { registerKeysCommands } from './commands/keys.js';
import { registerServiceAccountsCommands } from './commands/service-accounts.js';
import { registerMediaRootsCommands } from './commands/media-roots.js';
import { registerMigrateCommand } from './commands/migrate.js';
import { registerPermissionsCommands } from './commands/permissions.js';
import { registerServeCommand } from './commands/serve.js';
import { registerUsersCommands } from './commands/users.js';
import { registerWhoamiCommand } from './commands/whoami.js';

export const CLI_VERSION = '0.1.0';

export function createProgram(): TeamsetCommand {
  const program = new TeamsetCommand('teamset')
    .description('Teamset: a self-hosted dataset server for machine-learning teams')
    .version(CLI_VERSION)
    .option('--json', 'print machine-readable JSON on stdout instead of tables')
    .option('--database', 'work on database_uri directly even when api_uri is set (admin bootstrap and recovery)')
    // Must precede the subcommands: commander copies these settings into each one when it is created.
    .exitOverride()
    .configureOutput({
      // Commander's parse errors start with "error: "; fold "Did you mean …?" onto the same line.
      outputError: (text, write) => write(`teamset: ${text.replace(/\s*\n\s*/g, ' ').trim()}\n`),
    });

  registerServeCommand(program);
  registerMigrateCommand(program);
  registerUsersCommands(program);
  registerInvitationsCommands(program);
  registerKeysCommands(program);
  registerServiceAccountsCommands(program);
  registerDatasetsCommands(program);
  registerImportCommand(program);
  registerExportCommand(program);
  registerPermissionsCommands(program);
  // After permissions: it adds `permissions set-group|remove-group` to that command.
  registerGroupsCommands(program);
  registerMediaRootsCommands(program);
  registerWhoamiCommand(program);
  registerConfigCommands(program);
  return program;
}
