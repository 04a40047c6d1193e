// Invitations (admin): a single-use, 7-day token that lets one email address join with a given role.
import {
  INVITATION_TTL_DAYS,
  ROLE_PERMISSION_CAP,
  permissionAtLeast,
  type CreatedInvitation,
  type DatasetPermission,
  type Invitation,
  type InvitationPreview,
  type PendingInvitationDetails,
  type Role,
  type User,
} from '@teamset/contract';
import type { Actor } from '../actor.js';
import type { AuditLog } from '../audit/audit-log.js';
import { hashPassword } from '../auth/passwords.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation, nowIso, toIso } from '../db/database.js';
import type { Db, InvitationsTable } from '../db/schema.js';
import { AppError, badRequest, conflict, notFound } from '../errors/app-error.js';
import { newId } from '../ids.js';
import type { OrganizationService } from '../organization/organization-settings.js';
import { newToken, sha256Hex } from '../secrets.js';
import { InvitationGrantStore } from './invitation-grant-store.js';
import { InvitationStore } from './invitation-store.js';
import { requireAdmin, requireAdminChange } from '../users/user-rules.js';
import { validateNewUser, type UserService } from '../users/user-service.js';
import { normalizeEmail } from '../users/user-store.js';

const TTL_MS = INVITATION_TTL_DAYS * 24 * 3600 * 1000;
export const INVALID_INVITATION_MESSAGE = 'This invitation is invalid, expired, revoked or already used';

/** An invitation made to carry a dataset grant: `url`/`token` are null when the grant joined an invitation already pending (its link was sent before). */
export interface DatasetGrantInvitation {
  invitation: Invitation;
  url: string | null;
  token: string | null;
}

type WithinInvitation = (trx: Db, invitation: InvitationsTable) => Promise<void>;

function toInvitation(row: InvitationsTable): Invitation {
  return {
    id: row.id,
    email: row.email,
    role: row.role as Role,
    invitedBy: row.invited_by,
    createdAt: toIso(row.created_at),
    expiresAt: toIso(row.expires_at),
  };
}

/** The refusal to replace a pending invitation silently: names its role and dates so a client can ask first. */
function invitationPending(row: InvitationsTable): AppError {
  const pending: PendingInvitationDetails = {
    id: row.id,
    role: row.role as Role,
    createdAt: toIso(row.created_at),
    expiresAt: toIso(row.expires_at),
  };
  return new AppError(
    'INVITATION_PENDING',
    `${row.email} already has a pending ${pending.role} invitation (sent ${pending.createdAt}); ` +
      'send it again with replace to replace it (the link already sent stops working)',
    { field: 'email', pending },
  );
}

export class InvitationService {
  private readonly datasetGrants = new InvitationGrantStore();
  private readonly store: InvitationStore;

  constructor(
    private readonly database: Database,
    private readonly users: UserService,
    private readonly organization: OrganizationService,
    private readonly audit: AuditLog,
  ) {
    this.store = new InvitationStore(database);
  }

  /**
   * `acceptUrlBase` is where the web app accepts invitations, e.g. https://teamset.example.com. An email with a
   * pending invitation is refused (INVITATION_PENDING, naming it) unless `replace`: replacing kills the link
   * already sent, so the caller must mean it.
   */
  async create(
    actor: Actor,
    input: { email: string; role?: Role; replace?: boolean },
    acceptUrlBase: string,
  ): Promise<CreatedInvitation> {
    requireAdminChange(actor, 'invite users');
    const email = normalizeEmail(input.email);
    validateNewUser({ email, name: 'invitee', ...(input.role ? { role: input.role } : {}) });
    const token = newToken();
    const invitation = await this.insertInvitation(actor, email, input.role, token, input.replace === true);
    return { invitation, url: this.acceptUrl(acceptUrlBase, token), token };
  }

  /** What an invitation link joins as, for the page that accepts it; the same 404 as accept() when unusable. */
  async preview(token: string): Promise<InvitationPreview> {
    const row = await this.findUsable(this.database.db, token);
    if (!row) throw notFound(INVALID_INVITATION_MESSAGE);
    return { email: row.email, role: row.role as Role };
  }

  /**
   * setDatasetUserPermission(…, {invite: true}) for an email with no account: invites it with the org's default
   * role and keeps the grant until acceptance. A pending invitation for the email gets the grant added
   * instead of being replaced, so earlier grants and the link already sent stay valid. Admin only.
   */
  async inviteWithDatasetGrant(
    actor: Actor,
    input: { email: string; datasetId: string; permission: DatasetPermission },
    acceptUrlBase: string,
  ): Promise<DatasetGrantInvitation> {
    requireAdminChange(actor, 'invite users');
    const email = normalizeEmail(input.email);
    validateNewUser({ email, name: 'invitee' });
    const capCheck = (role: Role): void => {
      const cap = ROLE_PERMISSION_CAP[role];
      if (!permissionAtLeast(cap, input.permission)) {
        throw badRequest(
          `The invitee would join as ${role}, who can be granted at most ${cap} on a dataset (asked for ${input.permission})`,
          { field: 'permission', role, cap },
        );
      }
    };
    const pending = await this.database.db.transaction().execute(async (trx) => {
      const row = await this.store.findPendingByEmail(trx, email);
      if (!row) return undefined;
      capCheck(row.role as Role);
      await this.datasetGrants.attach(trx, row.id, input.datasetId, input.permission);
      return toInvitation(row);
    });
    if (pending) return { invitation: pending, url: null, token: null };
    const token = newToken();
    // Pending ones were handled above; one created since (a race) is replaced, as before grants could wait on it.
    const invitation = await this.insertInvitation(actor, email, undefined, token, true, async (trx, row) => {
      capCheck(row.role as Role);
      await this.datasetGrants.attach(trx, row.id, input.datasetId, input.permission);
    });
    return { invitation, url: this.acceptUrl(acceptUrlBase, token), token };
  }

  private acceptUrl(acceptUrlBase: string, token: string): string {
    return `${acceptUrlBase.replace(/\/+$/, '')}/accept-invitation?token=${encodeURIComponent(token)}`;
  }

  private async insertInvitation(
    actor: Actor,
    email: string,
    requestedRole: Role | undefined,
    token: string,
    replace: boolean,
    within?: WithinInvitation,
  ): Promise<Invitation> {
    try {
      return await this.database.db.transaction().execute(async (trx) => {
        if (await this.users.store.findByEmail(email, trx))
          throw conflict('A user with this email already exists', { field: 'email' });
        if (!replace) {
          const pending = await this.store.findPendingByEmail(trx, email);
          if (pending) throw invitationPending(pending);
        }
        const role = requestedRole ?? (await this.organization.current(trx)).defaultUserRole;
        const at = nowIso();
        // Replacing revokes every open invitation (expired ones too), so only the newest link works; dataset grants waiting on them move over.
        const replaced = await this.store.revokeOpenForEmail(trx, email, at);
        const row: InvitationsTable = {
          id: newId(),
          email,
          role,
          token_hash: sha256Hex(token),
          invited_by: actor.kind === 'user' ? actor.user.id : null,
          created_at: at,
          expires_at: new Date(Date.now() + TTL_MS).toISOString(),
          accepted_at: null,
          accepted_user_id: null,
          revoked_at: null,
        };
        await this.store.insert(trx, row);
        if (replaced.length > 0) await this.datasetGrants.moveTo(trx, replaced, row.id);
        await within?.(trx, row);
        await this.audit.record(
          {
            action: 'invitation.create',
            actor,
            targetType: 'invitation',
            targetId: row.id,
            details: { email, role, ...(replaced.length > 0 ? { replaced } : {}) },
          },
          trx,
        );
        return toInvitation(row);
      });
    } catch (error) {
      // The partial unique index lost a race with another admin inviting the same email.
      if (isUniqueViolation(error))
        throw conflict('Another invitation for this email was just created; list pending invitations', {
          field: 'email',
        });
      throw error;
    }
  }

  async listPending(actor: Actor): Promise<Invitation[]> {
    requireAdmin(actor, 'list invitations');
    return (await this.store.listPending()).map(toInvitation);
  }

  async revoke(actor: Actor, id: string): Promise<void> {
    requireAdminChange(actor, 'revoke invitations');
    await this.database.db.transaction().execute(async (trx) => {
      if (!(await this.store.revoke(trx, id, nowIso()))) throw notFound('No pending invitation with that id');
      await this.audit.record({ action: 'invitation.revoke', actor, targetType: 'invitation', targetId: id }, trx);
    });
  }

  /** Creates the invited user. The conditional update makes the token single-use even under races. */
  async accept(input: { token: string; name: string; password: string; ip: string | null }): Promise<User> {
    // Token first: an unauthenticated caller must not be able to make the server run argon2 for free.
    if (!(await this.findUsable(this.database.db, input.token))) throw notFound(INVALID_INVITATION_MESSAGE);
    const hash = await this.prepareAcceptance(input);
    return this.database.db.transaction().execute(async (trx) => {
      const at = nowIso();
      const row = await this.findUsable(trx, input.token);
      if (!row) throw notFound(INVALID_INVITATION_MESSAGE);
      if (!(await this.store.claim(trx, row.id, at))) throw notFound(INVALID_INVITATION_MESSAGE);
      const user = await this.users.insertUser(
        trx,
        { email: row.email, name: input.name, role: row.role as Role },
        hash,
      );
      await this.store.setAcceptedUser(trx, row.id, user.id);
      await this.datasetGrants.apply(trx, row.id, user.id, user.role, at);
      await this.audit.record(
        {
          action: 'invitation.accept',
          actor: null,
          actorId: user.id,
          targetType: 'invitation',
          targetId: row.id,
          ip: input.ip,
          details: { email: user.email, role: user.role },
        },
        trx,
      );
      return user;
    });
  }

  /** The pending, unexpired invitation behind a token, if any. */
  private async findUsable(trx: Db, token: string): Promise<InvitationsTable | undefined> {
    const row = await this.store.findByTokenHash(trx, sha256Hex(token));
    if (!row || row.accepted_at !== null || row.revoked_at !== null || Date.parse(toIso(row.expires_at)) <= Date.now())
      return undefined;
    return row;
  }

  private async prepareAcceptance(input: { name: string; password: string }): Promise<string> {
    validateNewUser({ email: 'invitee@example.com', name: input.name, password: input.password });
    return hashPassword(input.password);
  }
}
