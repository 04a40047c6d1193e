// `teamset permissions list|set|remove|default`: who may do what on a dataset (docs/design.md §2), on the API or the database.
import type { TeamsetCommand } from '../teamset-command.js';
import type { DatasetPermission } from '@teamset/contract';
import { parseDatasetPermission } from '../option-parsers.js';
import { DATASET_GROUP_PERMISSION_COLUMNS, DATASET_PERMISSION_COLUMNS } from '../render/columns.js';

const PERMISSION_CHOICES = 'NO_ACCESS, VIEW, TAG, EDIT or MANAGE (any case)';

export function registerPermissionsCommands(program: TeamsetCommand): void {
  const permissions = program
    .command('permissions')
    .description('manage who may view, tag, edit or manage a dataset (needs MANAGE on it)');

  permissions
    .command('list')
    .description(
      'list everyone with access to a dataset (explicit grant and active, effective, permission), then the user groups with a grant',
    )
    .argument('<dataset>', 'dataset name')
    .run<[string]>(async (ctx, [dataset]) => {
      const list = await ctx.withBackend((backend) => backend.listDatasetPermissions(dataset));
      if (ctx.out.json) return ctx.out.writeJson(list);
      ctx.out.line(`Dataset ${list.dataset} · default permission for members: ${list.defaultPermission}`);
      ctx.out.table(list.users, DATASET_PERMISSION_COLUMNS);
      // Group members are among the users above (ACTIVE counts their groups' grants); the grants themselves come second.
      if (list.groups.length === 0) return ctx.out.line('No user group has a grant on this dataset.');
      ctx.out.line('User groups:');
      ctx.out.table(list.groups, DATASET_GROUP_PERMISSION_COLUMNS);
    });

  permissions
    .command('set')
    .description("grant a user a permission on a dataset, up to their role's cap (COLLABORATOR: EDIT, GUEST: VIEW)")
    .argument('<dataset>', 'dataset name')
    .argument('<user>', 'user id or email')
    .argument('<permission>', PERMISSION_CHOICES, parseDatasetPermission)
    .option('--invite', 'if the email has no account, invite it (admins only); the permission applies when they accept')
    .run<[string, string, DatasetPermission], { invite?: boolean }>(
      async (ctx, [dataset, user, permission], options) => {
        const result = await ctx.withBackend((backend) =>
          backend.setDatasetUserPermission(dataset, user, permission, { invite: options.invite === true }),
        );
        if (ctx.out.json) return ctx.out.writeJson(result);
        if ('user' in result) return ctx.out.table([result], DATASET_PERMISSION_COLUMNS);
        ctx.out.line(
          `Invited ${result.invitation.email} as ${result.invitation.role}; ${permission} on ${dataset} applies when they accept.`,
        );
        ctx.out.line(
          result.url === null
            ? 'An invitation was already pending: the link sent earlier stays valid.'
            : `Invitation link (shown once): ${result.url}`,
        );
      },
    );

  permissions
    .command('remove')
    .description("remove a user's explicit grant; they keep what their role and the default permission give")
    .argument('<dataset>', 'dataset name')
    .argument('<user>', 'user id or email')
    .run<[string, string]>(async (ctx, [dataset, user]) => {
      await ctx.withBackend((backend) => backend.removeDatasetUserPermission(dataset, user));
      ctx.out.result({ removed: true, dataset, user }, `Removed ${user}'s permission on dataset ${dataset}`);
    });

  permissions
    .command('default')
    .description('set the permission members get on a dataset without an explicit grant')
    .argument('<dataset>', 'dataset name')
    .argument('<permission>', PERMISSION_CHOICES, parseDatasetPermission)
    .run<[string, DatasetPermission]>(async (ctx, [dataset, permission]) => {
      const updated = await ctx.withBackend((backend) => backend.setDatasetDefaultPermission(dataset, permission));
      ctx.out.result(updated, `Dataset ${updated.name}: members without a grant now get ${updated.defaultPermission}`);
    });
}
