// `teamset service-accounts create|list|disable|enable|delete` (admins): non-person users for jobs (docs/design.md §3).
import { SERVICE_ACCOUNT_ROLES, type ServiceAccount, type ServiceAccountRole } from '@teamset/contract';
import type { CliContext } from '../cli-context.js';
import { choiceParser } from '../option-parsers.js';
import { SERVICE_ACCOUNT_COLUMNS } from '../render/service-account-columns.js';
import type { TeamsetCommand } from '../teamset-command.js';

const parseServiceAccountRole: (value: string) => ServiceAccountRole = choiceParser(SERVICE_ACCOUNT_ROLES, (value) =>
  value.toUpperCase(),
);

function showAccount(ctx: CliContext, account: ServiceAccount): void {
  if (ctx.out.json) ctx.out.writeJson(account);
  else ctx.out.table([account], SERVICE_ACCOUNT_COLUMNS);
}

export function registerServiceAccountsCommands(program: TeamsetCommand): void {
  const accounts = program
    .command('service-accounts')
    .description('manage service accounts: non-person users for jobs, with keys admins generate (admin only)');

  accounts
    .command('create')
    .description('create a service account (no password, no sign-in); then `keys generate --service-account <name>`')
    .requiredOption('--name <name>', 'lower-case letters, digits, ".", "_" or "-" (e.g. nightly-import)')
    .requiredOption('--role <role>', 'MEMBER, COLLABORATOR or GUEST', parseServiceAccountRole)
    .run<[], { name: string; role: ServiceAccountRole }>(async (ctx, _args, options) => {
      const account = await ctx.withBackend((backend) => backend.createServiceAccount(options.name, options.role));
      showAccount(ctx, account);
    });

  accounts
    .command('list')
    .description('list service accounts with their key counts')
    .run(async (ctx) => {
      const list = await ctx.withBackend((backend) => backend.listServiceAccounts());
      if (ctx.out.json) ctx.out.writeJson({ serviceAccounts: list });
      else ctx.out.table(list, SERVICE_ACCOUNT_COLUMNS);
    });

  for (const [verb, disabled, what] of [
    ['disable', true, 'refuse its keys at once, on every server'],
    ['enable', false, 'let its keys work again'],
  ] as const) {
    accounts
      .command(verb)
      .description(`${verb} a service account: ${what}`)
      .argument('<name>', 'service account name, id or email')
      .run<[string]>(async (ctx, [name]) => {
        const account = await ctx.withBackend((backend) => backend.setServiceAccountDisabled(name, disabled));
        ctx.out.result(account, `${disabled ? 'Disabled' : 'Enabled'} service account ${account.name}`);
      });
  }

  accounts
    .command('delete')
    .description('delete a service account with its keys, group memberships and dataset grants')
    .argument('<name>', 'service account name, id or email')
    .run<[string]>(async (ctx, [name]) => {
      await ctx.withBackend((backend) => backend.deleteServiceAccount(name));
      ctx.out.result({ deleted: true, name }, `Deleted service account ${name}`);
    });
}
