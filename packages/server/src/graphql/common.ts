// The shared part of the schema: the enums FiftyOne's client names in its variables, the timestamp scalar, Relay paging.
import { GraphQLError } from 'graphql';
import { fiftyOneTimestamp } from './timestamps.js';

export const COMMON_SDL = /* GraphQL */ `
  """
  UTC timestamp with microseconds and an explicit offset, e.g. 2026-05-01T12:00:00.000000+00:00 (output only).
  """
  scalar DateTime

  enum UserRole {
    ADMIN
    MEMBER
    COLLABORATOR
    GUEST
  }

  enum DatasetPermission {
    NO_ACCESS
    VIEW
    TAG
    EDIT
    MANAGE
  }

  """
  Relay paging: pass endCursor, verbatim, as the next page's after.
  """
  type PageInfo {
    hasNextPage: Boolean!
    hasPreviousPage: Boolean!
    startCursor: String
    endCursor: String
  }
`;

/** How the DateTime scalar behaves: the schema builder attaches these to the scalar type. */
export const DATE_TIME_SCALAR = {
  serialize(value: unknown): string {
    if (typeof value === 'string') return fiftyOneTimestamp(value);
    if (value instanceof Date) return fiftyOneTimestamp(value.toISOString());
    throw new GraphQLError('DateTime cannot represent this value');
  },
  parseValue(): never {
    throw new GraphQLError('DateTime is output only');
  },
  parseLiteral(): never {
    throw new GraphQLError('DateTime is output only');
  },
};

/** PageInfo of a forward-only page. */
export function pageInfo(
  page: { hasNextPage: boolean; endCursor: string | null; startCursor: string | null },
  after: string | null | undefined,
) {
  return {
    hasNextPage: page.hasNextPage,
    hasPreviousPage: after !== null && after !== undefined,
    startCursor: page.startCursor,
    endCursor: page.endCursor,
  };
}
