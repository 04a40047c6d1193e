// A `user` argument as FiftyOne takes it: an id, an email, or a User object (its id is used).
import type { User } from '@teamset/contract';

export type UserLike = string | Pick<User, 'id'>;

export function userRef(user: UserLike): string {
  const ref = typeof user === 'string' ? user.trim() : user.id;
  if (!ref) throw new TypeError('user must be a non-empty id or email, or a User');
  return ref;
}
