// `teamset users create|list|delete|set-role`: on the API when api_uri is set, else on the database (docs/design.md §6).
import type { CliContext } from '../cli-context.js';
import type { TeamsetCommand } from '../teamset-command.js';
import type { Role, User } from '@teamset/contract';
import { listQuery, withListOptions, type ListOptions } from '../list-options.js';
import { parseRole } from '../option-parsers.js';
import { readSecretFromStdin } from '../read-stdin.js';
import { USER_COLUMNS } from '../render/columns.js';

interface CreateOptions {
  email: string;
  name: string;
  role?: Role;
  passwordStdin?: boolean;
}

function showUser(ctx: CliContext, user: User): void {
  if (ctx.out.json) ctx.out.writeJson(user);
  else ctx.out.table([user], USER_COLUMNS);
}

export function registerUsersCommands(program: TeamsetCommand): void {
  const users = program.command('users').description('manage users (admin only)');

  users
    .command('create')
    .description('create a user directly in the database (use `invitations create` when talking to a server)')
    .requiredOption('--email <email>', 'email address (unique, case-insensitive)')
    .requiredOption('--name <name>', 'display name')
    .option('--role <role>', 'ADMIN, MEMBER, COLLABORATOR or GUEST (default: the organization default role)', parseRole)
    .option(
      '--password-stdin',
      'read the password from stdin; without it the user has no password and cannot sign in to the web app',
    )
    .run<[], CreateOptions>(async (ctx, _args, options) => {
      // Read before opening anything, so a missing pipe fails fast and leaves no half-done work.
      const password = options.passwordStdin ? await readSecretFromStdin('password') : undefined;
      const user = await ctx.withBackend((backend) =>
        backend.createUser({ email: options.email, name: options.name, role: options.role, password }),
      );
      showUser(ctx, user);
    });

  withListOptions(users.command('list').description('list users, a page at a time'), {
    search: 'only users whose email or name contains this',
    pageSize: 'users per page (at most 200)',
  }).run<[], ListOptions>(async (ctx, _args, options) => {
    const page = await ctx.withBackend((backend) => backend.listUsers(listQuery(options)));
    ctx.out.page(page, page.users, USER_COLUMNS, 'user');
  });

  users
    .command('delete')
    .description('delete a user; their API keys and sessions are deleted with them')
    .argument('<user>', 'user id or email')
    .run<[string]>(async (ctx, [user]) => {
      await ctx.withBackend((backend) => backend.deleteUser(user));
      ctx.out.result({ deleted: true, user }, `Deleted user ${user}`);
    });

  users
    .command('set-role')
    .description("change a user's role")
    .argument('<user>', 'user id or email')
    .argument('<role>', 'ADMIN, MEMBER, COLLABORATOR or GUEST', parseRole)
    .run<[string, Role]>(async (ctx, [user, role]) => {
      showUser(ctx, await ctx.withBackend((backend) => backend.setUserRole(user, role)));
    });
}
