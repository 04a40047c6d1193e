// `teamset invitations create|list|revoke`: server only, since the invitation URL points at the server.
import type { TeamsetCommand } from '../teamset-command.js';
import type { Role } from '@teamset/contract';
import { TeamsetError, type ManagementClient } from '@teamset/sdk';
import { CliError } from '../cli-errors.js';
import { parseRole } from '../option-parsers.js';
import { INVITATION_COLUMNS, shortTime } from '../render/columns.js';

export function registerInvitationsCommands(program: TeamsetCommand): void {
  const invitations = program.command('invitations').description('invite people (admin only; needs api_uri)');

  invitations
    .command('create')
    .description('invite an email address; prints a single-use sign-up URL')
    .argument('<email>', 'email address to invite')
    .option('--role <role>', 'ADMIN, MEMBER, COLLABORATOR or GUEST (default: the organization default role)', parseRole)
    .option('--replace', 'replace a pending invitation for the email (its link stops working)')
    .run<[string], { role?: Role; replace?: boolean }>(async (ctx, [email], options) => {
      // A person at a terminal re-inviting by mistake must not kill the link already sent: replacing is asked for.
      const created = await invite(ctx.managementClient('invitations create'), email, options);
      if (ctx.out.json) return ctx.out.writeJson(created);
      ctx.out.line(created.url);
      const { invitation } = created;
      ctx.out.note(
        `Invited ${invitation.email} as ${invitation.role} (invitation ${invitation.id}, expires ${shortTime(invitation.expiresAt)}). ` +
          'Send them the URL above; it works once and will not be shown again.',
      );
    });

  invitations
    .command('list')
    .description('list pending invitations')
    .run(async (ctx) => {
      const pending = await ctx.managementClient('invitations list').listPendingInvitations();
      if (ctx.out.json) ctx.out.writeJson({ invitations: pending });
      else ctx.out.table(pending, INVITATION_COLUMNS);
    });

  invitations
    .command('revoke')
    .description('revoke a pending invitation')
    .argument('<id>', 'invitation id, as shown by `invitations list`')
    .run<[string]>(async (ctx, [id]) => {
      await ctx.managementClient('invitations revoke').deleteUserInvitation(id);
      ctx.out.result({ revoked: true, id }, `Revoked invitation ${id}`);
    });
}

async function invite(client: ManagementClient, email: string, options: { role?: Role; replace?: boolean }) {
  try {
    return await client.sendUserInvitation(email, options.role, { replace: options.replace === true });
  } catch (error) {
    if (error instanceof TeamsetError && error.code === 'INVITATION_PENDING') {
      const pending = error.details?.pending as { role?: string; createdAt?: string } | undefined;
      throw new CliError(
        `${email} already has a pending ${pending?.role ? `${pending.role} ` : ''}invitation` +
          (pending?.createdAt ? ` (sent ${shortTime(pending.createdAt)})` : '') +
          '; add --replace to replace it (the link already sent stops working)',
      );
    }
    throw error;
  }
}
