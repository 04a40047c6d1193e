// Sign-in, first-run setup and session shapes.
import { Type, type Static } from 'typebox';
import { Email, Password, PersonName } from './common.js';
import { User } from './users.js';

export const LoginBody = Type.Object(
  { email: Email, password: Type.String({ minLength: 1, maxLength: 256 }) },
  { additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const SessionInfo = Type.Object({ user: User, csrfToken: Type.String() });
export type SessionInfo = Static<typeof SessionInfo>;

export const SetupStatus = Type.Object({ needsSetup: Type.Boolean() });
export type SetupStatus = Static<typeof SetupStatus>;

export const SetupBody = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 200 }), email: Email, name: PersonName, password: Password },
  { additionalProperties: false },
);
export type SetupBody = Static<typeof SetupBody>;

export const Health = Type.Object({ status: Type.Literal('available') });
