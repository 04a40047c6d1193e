// Your own account: change your display name, change your password (the current one is asked for).
import { Type, type Static } from 'typebox';
import { PASSWORD_MAX_LENGTH } from '../constants/limits.js';
import { Password, PersonName } from './common.js';

export const UpdateAccountBody = Type.Object({ name: PersonName }, { additionalProperties: false });
export type UpdateAccountBody = Static<typeof UpdateAccountBody>;

export const ChangePasswordBody = Type.Object(
  {
    // Only checked against the stored hash, so any length a password could have had is accepted here.
    currentPassword: Type.String({ minLength: 1, maxLength: PASSWORD_MAX_LENGTH, description: 'Your password now' }),
    newPassword: Password,
  },
  { additionalProperties: false },
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const PasswordChanged = Type.Object({
  endedSessions: Type.Integer({
    description: 'Your other signed-in sessions that were ended (the one making the change stays)',
  }),
});
export type PasswordChanged = Static<typeof PasswordChanged>;
