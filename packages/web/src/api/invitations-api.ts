// Invitations (admin): invite an email with a role, list pending ones, revoke.
import type { CreateInvitationBody, CreatedInvitation, Invitation, InvitationList } from '@teamset/contract';
import { fillPath, PATHS } from '@teamset/contract/constants';
import { http } from './http';

export const invitationsApi = {
  list: async (): Promise<Invitation[]> => (await http.get<InvitationList>(PATHS.invitations)).invitations,
  create: (body: CreateInvitationBody) => http.post<CreatedInvitation>(PATHS.invitations, body),
  revoke: (id: string) => http.delete(fillPath(PATHS.invitation, { id })),
};
