// `teamset keys generate|list|delete|rotate`: a new secret is printed once, alone on stdout, with a warning on stderr.
import {
  DEFAULT_KEY_GRACE_SECONDS,
  KEY_INVENTORY_STATES,
  type CreatedApiKey,
  type KeyInventoryQuery,
  type KeyInventoryState,
  type KeyScopePermission,
} from '@teamset/contract';
import type { CliContext } from '../cli-context.js';
import type { TeamsetCommand } from '../teamset-command.js';
import { maskApiKey } from '@teamset/sdk';
import { UsageError } from '../cli-errors.js';
import {
  choiceParser,
  collect,
  lower,
  parseDuration,
  parseGrace,
  parseKeyScopePermission,
  parsePositiveInt,
} from '../option-parsers.js';
import { describeKeyScope, keyColumns, shortTime } from '../render/columns.js';
import { KEY_INVENTORY_COLUMNS } from '../render/service-account-columns.js';
import { userEmails } from '../render/user-emails.js';

/** The only way the CLI ever prints a plaintext key: by the call that creates it, alone on stdout. */
function showNewSecret(ctx: CliContext, created: CreatedApiKey, note: string): void {
  ctx.out.result(created, created.key);
  ctx.out.note(note);
  ctx.out.note('Store it now: it will not be shown again.');
}

interface GenerateOptions {
  name: string;
  user?: string;
  serviceAccount?: string;
  expiresIn?: number;
  maxPermission?: KeyScopePermission;
  dataset?: string[];
  readOnlyManagement?: boolean;
}

interface ListKeysOptions {
  page?: number;
  pageSize?: number;
  user?: string;
  all?: boolean;
  owner?: string;
  serviceAccount?: string;
  serviceAccounts?: boolean;
  state?: KeyInventoryState;
}

const parseKeyState: (value: string) => KeyInventoryState = choiceParser(KEY_INVENTORY_STATES, lower);

/** The inventory query of `keys list --all` and its filters; undefined when none of them was given. */
function inventoryQuery(options: ListKeysOptions): KeyInventoryQuery | undefined {
  const filtered =
    options.owner !== undefined || options.serviceAccount !== undefined || options.serviceAccounts || options.state;
  if (!options.all && !filtered) return undefined;
  if (options.user !== undefined) throw new UsageError('--user lists one user’s keys; use --owner with --all');
  return {
    ...(options.page !== undefined ? { page: options.page } : {}),
    ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
    ...(options.owner !== undefined ? { owner: options.owner } : {}),
    ...(options.serviceAccounts || options.serviceAccount !== undefined ? { ownerKind: 'service' as const } : {}),
    ...(options.state !== undefined ? { state: options.state } : {}),
  };
}

export function registerKeysCommands(program: TeamsetCommand): void {
  const keys = program.command('keys').description('manage API keys');

  keys
    .command('generate')
    .description('create an API key; it is shown once')
    .requiredOption('--name <name>', 'nickname for the key, 1–100 characters (e.g. the machine it is for)')
    .option('--user <user>', "owner's id or email (admins; required when working on the database directly)")
    .option('--service-account <name>', 'generate it for this service account (admins)')
    .option('--expires-in <duration>', 'lifetime such as 30s, 15m, 12h or 90d (default: no expiry)', parseDuration)
    .option(
      '--max-permission <permission>',
      'highest dataset permission the key carries, whatever its user holds: VIEW, TAG or EDIT',
      parseKeyScopePermission,
    )
    .option('--dataset <name>', 'limit the key to this dataset (repeatable); others answer 404 to it', collect)
    .option(
      '--read-only-management',
      'the key may not generate or delete keys, nor change users, groups, permissions, invitations or settings',
    )
    .addHelpText(
      'after',
      "\nWithout scope options the key carries its user's full power, as FiftyOne keys do. A key limited to\n" +
        'datasets keeps them through renames; if all its datasets are deleted it reaches none.',
    )
    .run<[], GenerateOptions>(async (ctx, _args, options) => {
      if (options.user !== undefined && options.serviceAccount !== undefined)
        throw new UsageError('give --user or --service-account, not both');
      const created = await ctx.withBackend(async (backend) => {
        const user =
          options.serviceAccount === undefined
            ? options.user
            : (await backend.getServiceAccount(options.serviceAccount)).id;
        return backend.generateKey({
          name: options.name,
          user,
          expiresInSeconds: options.expiresIn,
          ...(options.maxPermission ? { maxPermission: options.maxPermission } : {}),
          ...(options.dataset ? { datasets: options.dataset } : {}),
          ...(options.readOnlyManagement ? { readOnlyManagement: true } : {}),
        });
      });
      const { apiKey } = created;
      const expiry = apiKey.expiresAt === null ? 'never expires' : `expires ${shortTime(apiKey.expiresAt)}`;
      const owner =
        options.serviceAccount !== undefined ? `service account ${options.serviceAccount}` : (options.user ?? 'you');
      showNewSecret(
        ctx,
        created,
        `Created API key "${apiKey.name}" (id ${apiKey.id}, ${maskApiKey(created.key)}) for ${owner} ` +
          `(user id ${apiKey.userId}); it ${expiry}; scope: ${describeKeyScope(apiKey.scope)}.`,
      );
    });

  keys
    .command('list')
    .description(
      "list API keys (no secrets): yours, a user's with --user, or the organization's with --all (admins) and its filters",
    )
    .option('--user <user>', "owner's id or email (admins)")
    .option('--all', 'every key of the organization, with its owner (admins)')
    .option('--owner <user>', 'with --all: only this owner’s keys (id or email)')
    .option('--service-account <name>', 'with --all: only this service account’s keys')
    .option('--service-accounts', 'with --all: only service accounts’ keys')
    .option('--state <state>', 'with --all: expired, unused (90 days) or expiring (within 7 days)', parseKeyState)
    .option('--page <n>', 'with --all: page number, from 1', parsePositiveInt)
    .option('--page-size <n>', 'with --all: keys per page (default 50, at most 200)', parsePositiveInt)
    .run<[], ListKeysOptions>(async (ctx, _args, options) => {
      const inventory = inventoryQuery(options);
      if (inventory !== undefined) {
        const page = await ctx.withBackend(async (backend) =>
          backend.listOrganizationKeys(
            options.serviceAccount === undefined
              ? inventory
              : { ...inventory, owner: (await backend.getServiceAccount(options.serviceAccount)).id },
          ),
        );
        ctx.out.page(page, page.items, KEY_INVENTORY_COLUMNS, 'key');
        return;
      }
      const { list, emails } = await ctx.withBackend(async (backend) => {
        const keys = await backend.listKeys(options.user);
        return {
          list: keys,
          emails: ctx.out.json
            ? new Map<string, string>()
            : await userEmails(
                backend,
                keys.map((key) => key.userId),
              ),
        };
      });
      if (ctx.out.json) ctx.out.writeJson({ keys: list });
      else ctx.out.table(list, keyColumns(emails));
    });

  keys
    .command('revoke')
    .description('revoke many API keys at once (admins): each is refused at once and listed as revoked by an admin')
    .argument('<ids...>', 'key ids, as shown by `keys list --all`')
    .run<[string[]]>(async (ctx, [keyIds]) => {
      const result = await ctx.withBackend((backend) => backend.revokeKeys(keyIds));
      const skipped = keyIds.length - result.revoked.length;
      ctx.out.result(
        result,
        `Revoked ${result.revoked.length} API key(s)${skipped > 0 ? `; ${skipped} unknown or already revoked` : ''}`,
      );
    });

  keys
    .command('delete')
    .description('delete (revoke) an API key at once')
    .argument('<id>', 'key id, as shown by `keys list`')
    .run<[string]>(async (ctx, [keyId]) => {
      await ctx.withBackend((backend) => backend.deleteKey(keyId));
      ctx.out.result({ deleted: true, id: keyId }, `Deleted API key ${keyId}`);
    });

  keys
    .command('rotate')
    .description('give an API key a new secret (same id, name and expiry); the old one works until the grace ends')
    .argument('<id>', 'key id, as shown by `keys list`')
    .option(
      '--grace <duration>',
      'how long the old secret keeps working: 30s, 15m, 12h, 90d, or 0 for none',
      parseGrace,
      DEFAULT_KEY_GRACE_SECONDS,
    )
    .addHelpText(
      'after',
      '\nThe old secret is listed under OLD SECRETS until its grace ends; then it is refused (401).',
    )
    .run<[string], { grace: number }>(async (ctx, [keyId], options) => {
      const rotated = await ctx.withBackend((backend) => backend.rotateKey(keyId, options.grace));
      // Earlier rotations' secrets may still be in their grace: this rotation's is the newest.
      const previous = rotated.apiKey.previousSecrets.at(-1);
      const oldSecret =
        options.grace === 0 || previous === undefined
          ? 'the old secret no longer works'
          : `the old secret (${previous.prefix}…) works until ${shortTime(previous.graceEndsAt)}`;
      showNewSecret(
        ctx,
        rotated,
        `Rotated API key "${rotated.apiKey.name}" (id ${rotated.apiKey.id}, ${maskApiKey(rotated.key)}); ${oldSecret}.`,
      );
    });
}
