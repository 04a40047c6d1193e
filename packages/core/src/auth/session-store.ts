// The SQL of sign-in sessions: stored by the digest of their token, read with their user as that user is now.
import type { Database } from '../db/database.js';
import type { Db, SessionsTable } from '../db/schema.js';

export class SessionStore {
  constructor(private readonly database: Database) {}

  async insert(row: SessionsTable): Promise<void> {
    await this.database.db.insertInto('sessions').values(row).execute();
  }

  /** The session behind a token digest, joined with its user's current row. */
  findWithUser(tokenHash: string) {
    return this.database.db
      .selectFrom('sessions as s')
      .innerJoin('users as u', 'u.id', 's.user_id')
      .select(['s.id as session_id', 's.expires_at', 'u.id', 'u.email', 'u.name', 'u.role', 'u.kind', 'u.created_at'])
      .where('s.token_hash', '=', tokenHash)
      .executeTakeFirst();
  }

  async deleteByTokenHash(tokenHash: string): Promise<void> {
    await this.database.db.deleteFrom('sessions').where('token_hash', '=', tokenHash).execute();
  }

  /** Ends every session of the user but the one with `keepTokenHash`; returns how many ended. */
  async deleteUserSessions(trx: Db, userId: string, keepTokenHash: string | undefined): Promise<number> {
    let query = trx.deleteFrom('sessions').where('user_id', '=', userId);
    if (keepTokenHash !== undefined) query = query.where('token_hash', '!=', keepTokenHash);
    return Number((await query.executeTakeFirst()).numDeletedRows);
  }

  async deleteExpired(now: string): Promise<void> {
    await this.database.db.deleteFrom('sessions').where('expires_at', '<', now).execute();
  }
}
