// Invitations over GraphQL (admins): list pending ones, send one, revoke one.
import type { Invitation, Role } from '@teamset/contract';
import type { GraphQLContext, ResolverMap } from './context.js';

export const INVITATIONS_SDL = /* GraphQL */ `
  type Invitation {
    id: String!
    createdAt: DateTime!
    expiresAt: DateTime!
    inviteeEmail: String!
    inviteeRole: UserRole!
    """
    The accept link. Only the answer to sendUserInvitation has it: the server keeps a digest of the token,
    not the token, so a listed invitation has null here.
    """
    url: String
  }

  extend type Query {
    """
    Pending invitations, oldest first (admins).
    """
    invitations: [Invitation!]!
  }

  extend type Mutation {
    """
    Invites the email with the role; a pending invitation for it is replaced (admins).
    """
    sendUserInvitation(email: String!, role: UserRole!): Invitation
    revokeUserInvitation(invitationId: String!): Boolean
  }
`;

interface InvitationSource {
  invitation: Invitation;
  url: string | null;
}

export const INVITATIONS_RESOLVERS: ResolverMap = {
  Invitation: {
    id: (source: InvitationSource) => source.invitation.id,
    createdAt: (source: InvitationSource) => source.invitation.createdAt,
    expiresAt: (source: InvitationSource) => source.invitation.expiresAt,
    inviteeEmail: (source: InvitationSource) => source.invitation.email,
    inviteeRole: (source: InvitationSource) => source.invitation.role,
  },
  Query: {
    invitations: async (_source: unknown, _args: unknown, context: GraphQLContext): Promise<InvitationSource[]> =>
      (await context.services.invitations.listPending(context.actor)).map((invitation) => ({ invitation, url: null })),
  },
  Mutation: {
    sendUserInvitation: async (
      _source: unknown,
      args: { email: string; role: Role },
      context: GraphQLContext,
    ): Promise<InvitationSource> => {
      const { invitation, url } = await context.services.invitations.create(
        context.actor,
        // FiftyOne's sendUserInvitation replaces a pending invitation; its clients know no other way to re-send one.
        { email: args.email, role: args.role, replace: true },
        context.acceptUrlBase,
      );
      return { invitation, url };
    },
    revokeUserInvitation: async (_source: unknown, args: { invitationId: string }, context: GraphQLContext) => {
      await context.services.invitations.revoke(context.actor, args.invitationId);
      return true;
    },
  },
};
