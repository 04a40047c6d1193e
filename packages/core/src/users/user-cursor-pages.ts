// Users a page at a time by opaque cursor (FiftyOne's usersConnection): keyset paging, so no user is skipped or repeated.
import { MAX_PAGE_SIZE } from '@teamset/contract';
import type { Actor } from '../actor.js';
import { toIso } from '../db/database.js';
import { badRequest } from '../errors/app-error.js';
import { requireAdmin } from './user-rules.js';
import type { UserStore } from './user-store.js';
import type { User } from '@teamset/contract';

export interface UserCursorPage {
  users: Array<{ user: User; cursor: string }>;
  hasNextPage: boolean;
  endCursor: string | null;
}

/** The cursor names the last user of a page by its sort key (creation time, id): opaque to clients. */
function encodeCursor(user: User): string {
  return Buffer.from(JSON.stringify([user.createdAt, user.id])).toString('base64url');
}

function decodeCursor(cursor: string): { createdAt: string; id: string } {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(value) &&
      value.length === 2 &&
      typeof value[0] === 'string' &&
      typeof value[1] === 'string' &&
      !Number.isNaN(Date.parse(value[0]))
    ) {
      return { createdAt: toIso(value[0]), id: value[1] };
    }
  } catch {
    // Falls through to the same answer as a well-formed but wrong value.
  }
  throw badRequest('after is not a cursor this server returned', { field: 'after' });
}

export class UserCursorPages {
  constructor(private readonly store: UserStore) {}

  /**
   * Up to `first` users after the cursor, oldest first (ties by id). The next page is keyed on the last
   * user's (created_at, id), not an offset: users deleted or added between calls shift nothing.
   */
  async page(actor: Actor, query: { first?: number | null; after?: string | null }): Promise<UserCursorPage> {
    requireAdmin(actor, 'list users');
    const first = Math.min(MAX_PAGE_SIZE, Math.max(0, Math.floor(query.first ?? MAX_PAGE_SIZE)));
    const after = query.after !== undefined && query.after !== null ? decodeCursor(query.after) : undefined;
    // One extra row says whether another page exists without a count.
    const rows = await this.store.listAfter(after, first + 1);
    const users = rows.slice(0, first);
    const last = users[users.length - 1];
    return {
      users: users.map((user) => ({ user, cursor: encodeCursor(user) })),
      hasNextPage: rows.length > first,
      endCursor: last ? encodeCursor(last) : null,
    };
  }
}
