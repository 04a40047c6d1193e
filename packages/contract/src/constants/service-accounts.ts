// Service accounts and the key inventory: the names, limits and windows every part shares (docs/design.md §3).
import type { Role } from './roles.js';

/** A person, or a non-person user an admin created for a job: no password, no sign-in, keys managed by admins. */
export const USER_KINDS = ['person', 'service'] as const;
export type UserKind = (typeof USER_KINDS)[number];

/** Lower-case letters, digits, `-`, `_` and `.`, starting with a letter or digit: usable in a CLI argument and an email. */
export const SERVICE_ACCOUNT_NAME_PATTERN = '^[a-z0-9][a-z0-9._-]{0,63}$';
export const SERVICE_ACCOUNT_NAME_MAX_LENGTH = 64;
/**
 * A service account is a user, and users have a unique email: it gets `<name>@` this domain. `.invalid` is reserved
 * (RFC 2606), so no mail is ever sent there and nobody can be invited to or sign in with such an address.
 */
export const SERVICE_ACCOUNT_EMAIL_DOMAIN = 'service-account.invalid';
/** The highest role a service account may hold: admin power stays with people. */
export const SERVICE_ACCOUNT_MAX_ROLE: Role = 'MEMBER';
export const SERVICE_ACCOUNT_ROLES = ['MEMBER', 'COLLABORATOR', 'GUEST'] as const satisfies readonly Role[];
export type ServiceAccountRole = (typeof SERVICE_ACCOUNT_ROLES)[number];

/** The email a service account of this name is stored under. */
export function serviceAccountEmail(name: string): string {
  return `${name}@${SERVICE_ACCOUNT_EMAIL_DOMAIN}`;
}

/** The inventory's key filters: expired; unused (see KEY_UNUSED_DAYS); expiring within KEY_EXPIRING_SOON_DAYS. */
export const KEY_INVENTORY_STATES = ['expired', 'unused', 'expiring'] as const;
export type KeyInventoryState = (typeof KEY_INVENTORY_STATES)[number];

/** Days of per-day request counts kept for each key; older days are pruned. */
export const KEY_USAGE_DAYS = 30;
/** A key not used for this many days (or never, when older) counts as unused in the inventory. */
export const KEY_UNUSED_DAYS = 90;
/** A key expiring within this many days is flagged in lists, and the CLI warns when it is the key in use. */
export const KEY_EXPIRING_SOON_DAYS = 7;
/** Why a key an admin revoked from the inventory is refused; its owner reads this in the key list. */
export const ADMIN_REVOKED_KEY_REASON = 'revoked by an admin';
/** Keys one bulk revocation may name. */
export const MAX_KEYS_PER_BULK_REVOKE = 100;
/**
 * Response header on requests made with a key that expires within KEY_EXPIRING_SOON_DAYS: its expiry (ISO-8601),
 * so clients can warn without asking (no extra request, no extra query).
 */
export const KEY_EXPIRES_AT_HEADER = 'x-teamset-key-expires-at';
