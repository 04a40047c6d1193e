// Validation of group names, descriptions and member lists, shared by create and update (the database connection skips HTTP schemas).
import { GROUP_DESCRIPTION_MAX_LENGTH, GROUP_MAX_USERS_PER_CHANGE, GROUP_NAME_MAX_LENGTH } from '@teamset/contract';
import { badRequest } from '../errors/app-error.js';
import { looksLikeId } from '../ids.js';

export function normalizeGroupName(name: unknown): string {
  if (typeof name !== 'string') throw badRequest('name must be a string', { field: 'name' });
  const trimmed = name.trim();
  if (trimmed.length < 1 || trimmed.length > GROUP_NAME_MAX_LENGTH)
    throw badRequest(`name must be 1–${GROUP_NAME_MAX_LENGTH} characters`, { field: 'name' });
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is refused here
  if (/[\u0000-\u001f\u007f]/.test(trimmed))
    throw badRequest('name must not contain control characters', { field: 'name' });
  // A group is looked up by id or name: a name shaped like an id could shadow another group.
  if (looksLikeId(trimmed.toLowerCase()))
    throw badRequest('name must not look like a group id (24 hex characters)', { field: 'name' });
  return trimmed;
}

export function normalizeGroupDescription(description: unknown): string | null {
  if (description === null || description === undefined) return null;
  if (
    typeof description !== 'string' ||
    description.length > GROUP_DESCRIPTION_MAX_LENGTH ||
    description.includes('\u0000')
  ) {
    throw badRequest(`description must be null or a string of at most ${GROUP_DESCRIPTION_MAX_LENGTH} characters`, {
      field: 'description',
    });
  }
  return description;
}

/** User ids or emails, duplicates dropped; at most GROUP_MAX_USERS_PER_CHANGE. */
export function normalizeUserRefs(users: unknown, field = 'users'): string[] {
  if (!Array.isArray(users)) throw badRequest(`${field} must be a list of user ids or emails`, { field });
  const out = new Set<string>();
  for (const ref of users) {
    if (typeof ref !== 'string' || ref.trim() === '')
      throw badRequest(`${field} must be a list of user ids or emails`, { field });
    out.add(ref.trim());
  }
  if (out.size > GROUP_MAX_USERS_PER_CHANGE)
    throw badRequest(`at most ${GROUP_MAX_USERS_PER_CHANGE} users at a time`, { field });
  return [...out];
}
