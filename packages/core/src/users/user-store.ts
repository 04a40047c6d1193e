// User rows: lookups by id or email, paged search, role updates; only this file issues SQL on users.
import type { Role, User, UserKind } from '@teamset/contract';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/database.js';
import { toIso } from '../db/database.js';
import type { DatabaseSchema, Db, UsersTable } from '../db/schema.js';

type UserRow = Pick<UsersTable, 'id' | 'email' | 'name' | 'role' | 'created_at'> & { kind: string };

export function toUser(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role as Role,
    kind: row.kind as UserKind,
    createdAt: toIso(row.created_at),
  };
}

/** Emails are unique case-insensitively: we store them lower-cased and compare lower-cased. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

const USER_COLUMNS = ['id', 'email', 'name', 'role', 'kind', 'created_at'] as const;

export class UserStore {
  constructor(private readonly database: Database) {}

  private get db(): Kysely<DatabaseSchema> {
    return this.database.db;
  }

  async insert(
    trx: Db,
    user: { id: string; email: string; name: string; role: Role; createdAt: string; kind?: UserKind },
  ): Promise<User> {
    const kind = user.kind ?? 'person';
    await trx
      .insertInto('users')
      .values({
        id: user.id,
        email: normalizeEmail(user.email),
        name: user.name,
        role: user.role,
        kind,
        created_at: user.createdAt,
        updated_at: user.createdAt,
      })
      .execute();
    return { ...user, kind, email: normalizeEmail(user.email) };
  }

  async findById(id: string, trx: Db = this.db): Promise<User | undefined> {
    const row = await trx.selectFrom('users').select(USER_COLUMNS).where('id', '=', id).executeTakeFirst();
    return row && toUser(row);
  }

  async findByEmail(email: string, trx: Db = this.db): Promise<User | undefined> {
    const row = await trx
      .selectFrom('users')
      .select(USER_COLUMNS)
      .where('email', '=', normalizeEmail(email))
      .executeTakeFirst();
    return row && toUser(row);
  }

  /** A reference is an email when it has an @, an id otherwise. */
  findByRef(ref: string, trx: Db = this.db): Promise<User | undefined> {
    return ref.includes('@') ? this.findByEmail(ref, trx) : this.findById(ref, trx);
  }

  async list(query: { search?: string; offset: number; limit: number }): Promise<{ users: User[]; total: number }> {
    let base = this.db.selectFrom('users');
    const search = query.search?.trim().toLowerCase();
    if (search) {
      // Escape LIKE wildcards so a search for "a_b" matches that text only.
      const pattern = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      // ESCAPE spelled out: SQLite has no default LIKE escape character, PostgreSQL's is the same backslash.
      base = base.where(sql<boolean>`(email like ${pattern} escape '\\' or lower(name) like ${pattern} escape '\\')`);
    }
    const [rows, count] = await Promise.all([
      base.select(USER_COLUMNS).orderBy('created_at').orderBy('id').offset(query.offset).limit(query.limit).execute(),
      base.select((eb) => eb.fn.countAll<number | string>().as('n')).executeTakeFirstOrThrow(),
    ]);
    return { users: rows.map(toUser), total: Number(count.n) };
  }

  /** Up to `limit` users after the (created_at, id) key, oldest first: keyset paging, so nothing shifts between pages. */
  async listAfter(after: { createdAt: string; id: string } | undefined, limit: number): Promise<User[]> {
    let q = this.db.selectFrom('users').select(USER_COLUMNS);
    if (after)
      q = q.where((eb) =>
        eb.or([
          eb('created_at', '>', after.createdAt),
          eb.and([eb('created_at', '=', after.createdAt), eb('id', '>', after.id)]),
        ]),
      );
    return (await q.orderBy('created_at').orderBy('id').limit(limit).execute()).map(toUser);
  }

  async count(trx: Db = this.db): Promise<number> {
    const row = await trx
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number | string>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /**
   * Admin ids, locked FOR UPDATE on PostgreSQL so two concurrent demotions of the
   * last two admins serialize instead of both succeeding.
   */
  /**
   * PostgreSQL: holds off other inserts into users until the transaction ends (SHARE ROW EXCLUSIVE conflicts
   * with itself and with inserts), so a count taken after it stays true. Under READ COMMITTED a count cannot
   * see a concurrent, uncommitted insert otherwise. SQLite's write transactions are exclusive already.
   */
  async lockAgainstInserts(trx: Db): Promise<void> {
    if (this.database.dialect === 'postgres') await sql`lock table users in share row exclusive mode`.execute(trx);
  }

  async lockAdminIds(trx: Db): Promise<string[]> {
    let q = trx.selectFrom('users').select('id').where('role', '=', 'ADMIN');
    if (this.database.dialect === 'postgres') q = q.forUpdate();
    return (await q.execute()).map((r) => r.id);
  }

  async updateRole(trx: Db, id: string, role: Role, at: string): Promise<void> {
    await trx.updateTable('users').set({ role, updated_at: at }).where('id', '=', id).execute();
  }

  async updateName(trx: Db, id: string, name: string, at: string): Promise<void> {
    await trx.updateTable('users').set({ name, updated_at: at }).where('id', '=', id).execute();
  }

  async delete(trx: Db, id: string): Promise<boolean> {
    const result = await trx.deleteFrom('users').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async setPasswordHash(trx: Db, userId: string, hash: string, at: string): Promise<void> {
    await trx
      .insertInto('password_hashes')
      .values({ user_id: userId, hash, updated_at: at })
      .onConflict((oc) => oc.column('user_id').doUpdateSet({ hash, updated_at: at }))
      .execute();
  }

  async findPasswordHash(userId: string): Promise<string | undefined> {
    const row = await this.db
      .selectFrom('password_hashes')
      .select('hash')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row?.hash;
  }
}
