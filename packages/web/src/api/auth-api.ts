// First-run setup, sign-in, sign-out, whoami and invitation acceptance.
import type {
  AcceptInvitationBody,
  InvitationPreview,
  LoginBody,
  SessionInfo,
  SetupBody,
  SetupStatus,
  WhoAmI,
} from '@teamset/contract';
import { http, request } from './http';
import { PATHS } from '@teamset/contract/constants';

export const authApi = {
  setupStatus: () => http.get<SetupStatus>(PATHS.setup),
  setup: (body: SetupBody) => http.post<SessionInfo>(PATHS.setup, body, { quiet401: true }),
  login: (body: LoginBody) => http.post<SessionInfo>(PATHS.login, body, { quiet401: true }),
  logout: () => http.post<void>(PATHS.logout, undefined, { quiet401: true }),
  whoami: () => http.get<WhoAmI>(PATHS.whoami),
  /** Whoami whose 401 is the caller's to read (signed out), not a session that ended. */
  whoamiQuietly: () => request<WhoAmI>('GET', PATHS.whoami, { quiet401: true }),
  /** Who an invitation link is for; 404 when it is unknown, expired, revoked or used. */
  lookUpInvitation: (token: string) =>
    http.post<InvitationPreview>(PATHS.invitationLookup, { token }, { quiet401: true }),
  acceptInvitation: (body: AcceptInvitationBody) =>
    http.post<SessionInfo>(PATHS.acceptInvitation, body, { quiet401: true }),
};
