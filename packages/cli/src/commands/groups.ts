// `teamset groups …` (user groups, admin-managed) and `teamset permissions set-group|remove-group`, on the API or the database.
import type { CliContext } from '../cli-context.js';
import type { TeamsetCommand } from '../teamset-command.js';
import type { DatasetPermission, UserGroup } from '@teamset/contract';
import type { GroupChange } from '../backends/admin-backend.js';
import { UsageError } from '../cli-errors.js';
import { parseDatasetPermission } from '../option-parsers.js';
import type { Column } from '../render/output.js';

const PERMISSION_CHOICES = 'NO_ACCESS, VIEW, TAG, EDIT or MANAGE (any case)';

const GROUP_COLUMNS: readonly Column<UserGroup>[] = [
  { header: 'NAME', value: (g) => g.name },
  { header: 'ID', value: (g) => g.id },
  { header: 'DESCRIPTION', value: (g) => g.description ?? '—' },
  { header: 'MEMBERS', value: (g) => String(g.users.length) },
];

const MEMBER_COLUMNS: readonly Column<UserGroup['users'][number]>[] = [
  { header: 'USER ID', value: (u) => u.id },
  { header: 'EMAIL', value: (u) => u.email },
  { header: 'NAME', value: (u) => u.name },
  { header: 'ROLE', value: (u) => u.role },
];

/** A group as JSON, or as its fields followed by a table of its members. */
function showGroup(ctx: CliContext, group: UserGroup): void {
  if (ctx.out.json) return ctx.out.writeJson(group);
  ctx.out.record([
    ['Name', group.name],
    ['ID', group.id],
    ['Description', group.description ?? '—'],
    ['Members', String(group.users.length)],
  ]);
  if (group.users.length > 0) ctx.out.table(group.users, MEMBER_COLUMNS);
}

interface UpdateOptions {
  name?: string;
  description?: string;
  clearDescription?: boolean;
  users?: string[];
  noUsers?: boolean;
}

function groupChange(options: UpdateOptions): GroupChange {
  if (options.description !== undefined && options.clearDescription)
    throw new UsageError('give --description or --clear-description, not both');
  if (options.users !== undefined && options.noUsers) throw new UsageError('give --users or --no-members, not both');
  const change: GroupChange = {
    ...(options.name !== undefined ? { name: options.name } : {}),
    ...(options.description !== undefined
      ? { description: options.description }
      : options.clearDescription
        ? { description: null }
        : {}),
    ...(options.users !== undefined ? { users: options.users } : options.noUsers ? { users: [] } : {}),
  };
  if (Object.keys(change).length === 0)
    throw new UsageError('nothing to change: give --name, --description, --clear-description, --users or --no-members');
  return change;
}

export function registerGroupsCommands(program: TeamsetCommand): void {
  const groups = program
    .command('groups')
    .description('manage user groups: sets of users a dataset can grant a permission to (admins)');

  groups
    .command('list')
    .description('list user groups by name (every group for admins and on the database; your own otherwise)')
    .run(async (ctx) => {
      const list = await ctx.withBackend((backend) => backend.listGroups());
      if (ctx.out.json) return ctx.out.writeJson({ groups: list });
      ctx.out.table(list, GROUP_COLUMNS);
    });

  groups
    .command('create')
    .description('create a user group (admins); members must be existing users')
    .argument('<name>', 'group name, unique regardless of case')
    .option('--description <text>', 'what the group is for')
    .option('--users <users...>', 'initial members: user ids or emails')
    .run<[string], { description?: string; users?: string[] }>(async (ctx, [name], options) => {
      showGroup(
        ctx,
        await ctx.withBackend((backend) =>
          backend.createGroup({
            name,
            ...(options.description !== undefined ? { description: options.description } : {}),
            ...(options.users ? { users: options.users } : {}),
          }),
        ),
      );
    });

  groups
    .command('show')
    .description('show a group and its members')
    .argument('<group>', 'group id or name')
    .run<[string]>(async (ctx, [group]) => {
      showGroup(ctx, await ctx.withBackend((backend) => backend.getGroup(group)));
    });

  groups
    .command('update')
    .description('rename a group, change its description or replace its members (admins)')
    .argument('<group>', 'group id or name')
    .option('--name <name>', 'new name')
    .option('--description <text>', 'new description')
    .option('--clear-description', 'remove the description')
    .option('--users <users...>', 'the new member list (replaces the current one): user ids or emails')
    .option('--no-members', 'remove every member')
    .run<[string], UpdateOptions & { members?: boolean }>(async (ctx, [group], options) => {
      // commander turns --no-members into members: false.
      const change = groupChange({ ...options, noUsers: options.members === false });
      showGroup(ctx, await ctx.withBackend((backend) => backend.updateGroup(group, change)));
    });

  groups
    .command('add-users')
    .description('add existing users to a group (admins)')
    .argument('<group>', 'group id or name')
    .argument('<users...>', 'user ids or emails')
    .run<[string, string[]]>(async (ctx, [group, users]) => {
      showGroup(ctx, await ctx.withBackend((backend) => backend.addGroupUsers(group, users)));
    });

  groups
    .command('remove-users')
    .description('remove users from a group (admins); they lose what the group gave them at once')
    .argument('<group>', 'group id or name')
    .argument('<users...>', 'user ids or emails')
    .run<[string, string[]]>(async (ctx, [group, users]) => {
      showGroup(ctx, await ctx.withBackend((backend) => backend.removeGroupUsers(group, users)));
    });

  groups
    .command('delete')
    .description('delete a group with its memberships and dataset grants (admins)')
    .argument('<group>', 'group id or name')
    .run<[string]>(async (ctx, [group]) => {
      await ctx.withBackend((backend) => backend.deleteGroup(group));
      ctx.out.result({ deleted: true, group }, `Deleted user group ${group}`);
    });

  // The group grants live with the other dataset permissions: `teamset permissions set-group …`.
  const permissions =
    (program.commands.find((c) => c.name() === 'permissions') as TeamsetCommand | undefined) ??
    program.command('permissions').description('manage who may view, tag, edit or manage a dataset');

  permissions
    .command('set-group')
    .description("grant a user group a permission on a dataset (MANAGE); each member gets at most their role's cap")
    .argument('<dataset>', 'dataset name')
    .argument('<group>', 'group id or name')
    .argument('<permission>', PERMISSION_CHOICES, parseDatasetPermission)
    .run<[string, string, DatasetPermission]>(async (ctx, [dataset, group, permission]) => {
      const granted = await ctx.withBackend((backend) => backend.setDatasetGroupPermission(dataset, group, permission));
      ctx.out.result(granted, `Group ${granted.group.name} now has ${granted.permission} on dataset ${dataset}`);
    });

  permissions
    .command('remove-group')
    .description("remove a user group's grant on a dataset (MANAGE)")
    .argument('<dataset>', 'dataset name')
    .argument('<group>', 'group id or name')
    .run<[string, string]>(async (ctx, [dataset, group]) => {
      await ctx.withBackend((backend) => backend.removeDatasetGroupPermission(dataset, group));
      ctx.out.result({ removed: true, dataset, group }, `Removed group ${group}'s permission on dataset ${dataset}`);
    });
}
