// Shared field schemas: ids, emails, names, timestamps and paging, with the limits every route applies.
import { Type, type Static, type TString } from 'typebox';
import {
  DEFAULT_PAGE_SIZE,
  EMAIL_MAX_LENGTH,
  EMAIL_PATTERN,
  MAX_PAGE_SIZE,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  PERSON_NAME_MAX_LENGTH,
} from '../constants/limits.js';

export const Id = Type.String({ minLength: 1, maxLength: 64, pattern: '^[0-9a-zA-Z_-]+$', description: 'Opaque id' });
export const Email = Type.String({
  minLength: 3,
  maxLength: EMAIL_MAX_LENGTH,
  pattern: EMAIL_PATTERN,
  description: 'Email address (case-insensitive)',
});
export const PersonName = Type.String({ minLength: 1, maxLength: PERSON_NAME_MAX_LENGTH, description: 'Display name' });
export const Password = Type.String({
  minLength: PASSWORD_MIN_LENGTH,
  maxLength: PASSWORD_MAX_LENGTH,
  description: 'Password (8–256 characters)',
});
export const Timestamp = Type.String({ description: 'ISO-8601 UTC timestamp' });
/**
 * A string or null, as one JSON-schema type list rather than an anyOf: response serialization
 * then picks the branch by typeof instead of running a validator per field (whoami is a hot path).
 */
export function NullableString(schema: TString) {
  return Type.Unsafe<string | null>({ ...schema, type: ['string', 'null'] });
}
export const NullableTimestamp = NullableString(Timestamp);
/** A user reference in a path or query: an id or an email address. */
export const UserRef = Type.String({ minLength: 1, maxLength: 254, description: 'User id or email' });

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1_000_000, default: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })),
};

export const IdParams = Type.Object({ id: Id }, { additionalProperties: false });
export type IdParams = Static<typeof IdParams>;
