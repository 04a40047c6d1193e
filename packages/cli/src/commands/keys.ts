// `teamset keys generate|list|delete|rotate`: a new secret is printed once, alone on stdout, with a warning on stderr.
import { DEFAULT_KEY_GRACE_SECONDS, type CreatedApiKey, type KeyScopePermission } from '@teamset/contract';
import type { CliContext } from '../cli-context.js';
import type { TeamsetCommand } from '../teamset-command.js';
import { maskApiKey } from '@teamset/sdk';
import { collect, parseDuration, parseGrace, parseKeyScopePermission } from '../option-parsers.js';
import { describeKeyScope, keyColumns, shortTime } from '../render/columns.js';
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
  expiresIn?: number;
  maxPermission?: KeyScopePermission;
  dataset?: string[];
  readOnlyManagement?: boolean;
}

export function registerKeysCommands(program: TeamsetCommand): void {
  const keys = program.command('keys').description('manage API keys');

  keys
    .command('generate')
    .description('create an API key; it is shown once')
    .requiredOption('--name <name>', 'nickname for the key, 1–100 characters (e.g. the machine it is for)')
    .option('--user <user>', "owner's id or email (admins; required when working on the database directly)")
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
      const created = await ctx.withBackend((backend) =>
        backend.generateKey({
          name: options.name,
          user: options.user,
          expiresInSeconds: options.expiresIn,
          ...(options.maxPermission ? { maxPermission: options.maxPermission } : {}),
          ...(options.dataset ? { datasets: options.dataset } : {}),
          ...(options.readOnlyManagement ? { readOnlyManagement: true } : {}),
        }),
      );
      const { apiKey } = created;
      const expiry = apiKey.expiresAt === null ? 'never expires' : `expires ${shortTime(apiKey.expiresAt)}`;
      showNewSecret(
        ctx,
        created,
        `Created API key "${apiKey.name}" (id ${apiKey.id}, ${maskApiKey(created.key)}) for ${options.user ?? 'you'} ` +
          `(user id ${apiKey.userId}); it ${expiry}; scope: ${describeKeyScope(apiKey.scope)}.`,
      );
    });

  keys
    .command('list')
    .description("list API keys (no secrets): yours, a user's with --user, or every key when working on the database")
    .option('--user <user>', "owner's id or email (admins)")
    .run<[], { user?: string }>(async (ctx, _args, options) => {
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
