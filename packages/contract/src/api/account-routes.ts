// Your own account: sign-in, sign-out, first-run setup, whoami, display name and password.
import { ErrorBody } from '../errors/error-codes.js';
import { ChangePasswordBody, PasswordChanged, UpdateAccountBody } from '../schemas/account.js';
import { LoginBody, SessionInfo, SetupBody, SetupStatus } from '../schemas/auth.js';
import { User, WhoAmI } from '../schemas/users.js';
import { PATHS } from '../routes.js';
import { defineRoute, NoContent } from './route-definition.js';

/** Errors of the sign-in and setup forms, which answer without credentials. */
const PUBLIC_ERRORS = { 400: ErrorBody, 401: ErrorBody, 409: ErrorBody, 429: ErrorBody } as const;

export const AUTH_ROUTES = {
  whoami: defineRoute({
    method: 'GET',
    path: PATHS.whoami,
    tags: ['auth'],
    access: { kind: 'signedIn' },
    summary: 'The user behind this request',
    response: { 200: WhoAmI },
  }),
  login: defineRoute({
    method: 'POST',
    path: PATHS.login,
    tags: ['auth'],
    access: { kind: 'public' },
    summary: 'Sign in with email and password',
    body: LoginBody,
    response: { 200: SessionInfo, ...PUBLIC_ERRORS },
  }),
  logout: defineRoute({
    method: 'POST',
    path: PATHS.logout,
    tags: ['auth'],
    access: { kind: 'signedIn' },
    summary: 'Sign out (ends the session)',
    response: { 204: NoContent },
  }),
  setupStatus: defineRoute({
    method: 'GET',
    path: PATHS.setup,
    tags: ['auth'],
    access: { kind: 'public' },
    summary: 'Whether first-run setup is still needed',
    response: { 200: SetupStatus },
  }),
  setup: defineRoute({
    method: 'POST',
    path: PATHS.setup,
    tags: ['auth'],
    access: { kind: 'public' },
    summary: 'Create the first admin with the setup token teamset serve printed at start',
    body: SetupBody,
    response: { 201: SessionInfo, ...PUBLIC_ERRORS },
  }),
} as const;

export const ACCOUNT_ROUTES = {
  update: defineRoute({
    method: 'PATCH',
    path: PATHS.account,
    tags: ['account'],
    access: { kind: 'signedIn', manages: true },
    summary: 'Change your own display name',
    body: UpdateAccountBody,
    response: { 200: User },
  }),
  changePassword: defineRoute({
    method: 'POST',
    path: PATHS.accountPassword,
    tags: ['account'],
    access: { kind: 'signedIn', manages: true },
    summary: 'Change your password (the current one is checked); your other sessions end',
    body: ChangePasswordBody,
    response: { 200: PasswordChanged },
  }),
} as const;
