// The SQL of invitations: pending ones by email or token, single-use claims, and revocation.
import { nowIso } from '../db/database.js';
import type { Database } from '../db/database.js';
import type { Db, InvitationsTable } from '../db/schema.js';

export class InvitationStore {
  constructor(private readonly database: Database) {}

  /** The unexpired invitation still waiting for this email, if any (at most one: a partial unique index). */
  findPendingByEmail(trx: Db, email: string): Promise<InvitationsTable | undefined> {
    return trx
      .selectFrom('invitations')
      .selectAll()
      .where('email', '=', email)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', nowIso())
      .executeTakeFirst();
  }

  /** Revokes every open invitation of the email (expired ones too) and returns their ids. */
  async revokeOpenForEmail(trx: Db, email: string, at: string): Promise<string[]> {
    const open = await trx
      .selectFrom('invitations')
      .select('id')
      .where('email', '=', email)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .execute();
    if (open.length > 0)
      await trx
        .updateTable('invitations')
        .set({ revoked_at: at })
        .where(
          'id',
          'in',
          open.map((r) => r.id),
        )
        .execute();
    return open.map((r) => r.id);
  }

  async insert(trx: Db, row: InvitationsTable): Promise<void> {
    await trx.insertInto('invitations').values(row).execute();
  }

  listPending(): Promise<InvitationsTable[]> {
    return this.database.db
      .selectFrom('invitations')
      .selectAll()
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', nowIso())
      .orderBy('created_at')
      .execute();
  }

  /** False when no open invitation has that id. */
  async revoke(trx: Db, id: string, at: string): Promise<boolean> {
    const result = await trx
      .updateTable('invitations')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  findByTokenHash(trx: Db, tokenHash: string): Promise<InvitationsTable | undefined> {
    return trx.selectFrom('invitations').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
  }

  /** Marks the invitation accepted unless it already was: the conditional update makes a token single-use under races. */
  async claim(trx: Db, id: string, at: string): Promise<boolean> {
    const result = await trx
      .updateTable('invitations')
      .set({ accepted_at: at })
      .where('id', '=', id)
      .where('accepted_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async setAcceptedUser(trx: Db, id: string, userId: string): Promise<void> {
    await trx.updateTable('invitations').set({ accepted_user_id: userId }).where('id', '=', id).execute();
  }
}
