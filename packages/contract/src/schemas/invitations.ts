// Invitation shapes: admin invites an email with a role; the invitee accepts with a name and password.
import { Type, type Static } from 'typebox';
import type { Role } from '../constants/roles.js';
import { RoleSchema } from '../identity/roles.js';
import { Email, Id, NullableString, Password, PersonName, Timestamp } from './common.js';

export const INVITATION_TTL_DAYS = 7;

export const Invitation = Type.Object(
  { id: Id, email: Email, role: RoleSchema, invitedBy: NullableString(Id), createdAt: Timestamp, expiresAt: Timestamp },
  { title: 'Invitation', additionalProperties: false },
);
export type Invitation = Static<typeof Invitation>;

export const CreateInvitationBody = Type.Object(
  {
    email: Email,
    role: Type.Optional(RoleSchema),
    replace: Type.Optional(
      Type.Boolean({
        description:
          'Replace a pending invitation for the email (its link stops working). Without it, such an email is a 409 INVITATION_PENDING.',
      }),
    ),
  },
  { additionalProperties: false },
);
export type CreateInvitationBody = Static<typeof CreateInvitationBody>;

/** What a 409 INVITATION_PENDING names in `details.pending`, so a client can ask before replacing. */
export interface PendingInvitationDetails {
  id: string;
  role: Role;
  createdAt: string;
  expiresAt: string;
}

/** The token (inside url) is shown once, to the admin who sent the invitation. */
export const CreatedInvitation = Type.Object({ invitation: Invitation, url: Type.String(), token: Type.String() });
export type CreatedInvitation = Static<typeof CreatedInvitation>;

export const InvitationList = Type.Object({ invitations: Type.Array(Invitation) });
export type InvitationList = Static<typeof InvitationList>;

export const AcceptInvitationBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200 }), name: PersonName, password: Password },
  { additionalProperties: false },
);
export type AcceptInvitationBody = Static<typeof AcceptInvitationBody>;

/** Looking an invitation link up before accepting it: the token travels in the body, never in a URL or a log. */
export const InvitationLookupBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200 }) },
  { additionalProperties: false },
);
export type InvitationLookupBody = Static<typeof InvitationLookupBody>;

/** All a token holder learns: who the link is for and the role they join with. */
export const InvitationPreview = Type.Object(
  { email: Email, role: RoleSchema },
  { title: 'InvitationPreview', additionalProperties: false },
);
export type InvitationPreview = Static<typeof InvitationPreview>;
