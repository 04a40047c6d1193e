// `teamset keys generate|list|delete`: the new key is printed once, alone on stdout, with a warning on stderr.
import type { TeamsetCommand } from '../teamset-command.js';
import { maskApiKey } from '@teamset/sdk';
import { parseDuration } from '../option-parsers.js';
import { keyColumns, shortTime } from '../render/columns.js';
import { userEmails } from '../render/user-emails.js';

interface GenerateOptions {
  name: string;
  user?: string;
  expiresIn?: number;
}

export function registerKeysCommands(program: TeamsetCommand): void {
  const keys = program.command('keys').description('manage API keys');

  keys
    .command('generate')
    .description('create an API key; it is shown once')
    .requiredOption('--name <name>', 'nickname for the key, 1–100 characters (e.g. the machine it is for)')
    .option('--user <user>', "owner's id or email (admins; required when working on the database directly)")
    .option('--expires-in <duration>', 'lifetime such as 30s, 15m, 12h or 90d (default: no expiry)', parseDuration)
    .run<[], GenerateOptions>(async (ctx, _args, options) => {
      const created = await ctx.withBackend((backend) =>
        backend.generateKey({ name: options.name, user: options.user, expiresInSeconds: options.expiresIn }),
      );
      // The only place the CLI ever prints a plaintext key: the call that creates it.
      ctx.out.result(created, created.key);
      const { apiKey } = created;
      const expiry = apiKey.expiresAt === null ? 'never expires' : `expires ${shortTime(apiKey.expiresAt)}`;
      ctx.out.note(
        `Created API key "${apiKey.name}" (id ${apiKey.id}, ${maskApiKey(created.key)}) for ${options.user ?? 'you'} ` +
          `(user id ${apiKey.userId}); it ${expiry}.`,
      );
      ctx.out.note('Store it now: it will not be shown again.');
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
}
