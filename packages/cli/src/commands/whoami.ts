// `teamset whoami`: who the configured API key belongs to (server only).
import type { TeamsetCommand } from '../teamset-command.js';
import { describeKeyScope, shortTime } from '../render/columns.js';

export function registerWhoamiCommand(program: TeamsetCommand): void {
  program
    .command('whoami')
    .description('show the user the configured API key acts as (needs api_uri)')
    .run(async (ctx) => {
      const me = await ctx.managementClient('whoami').whoami();
      if (ctx.out.json) return ctx.out.writeJson(me);
      ctx.out.record([
        ['id', me.user.id],
        ['email', me.user.email],
        ['name', me.user.name],
        ['role', me.user.role],
        ['created', shortTime(me.user.createdAt)],
        ['authenticated by', me.authMethod === 'api_key' ? `API key ${me.apiKeyId ?? ''}`.trim() : 'session'],
        ...(me.apiKeyScope ? [['key scope', describeKeyScope(me.apiKeyScope)] as [string, string]] : []),
        ['server', ctx.config().apiUri ?? ''],
      ]);
    });
}
