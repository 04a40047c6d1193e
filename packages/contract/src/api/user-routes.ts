// People: admin user management, invitations, and API keys.
import { ErrorBody } from '../errors/error-codes.js';
import { SessionInfo } from '../schemas/auth.js';
import { IdParams } from '../schemas/common.js';
import {
  AcceptInvitationBody,
  CreatedInvitation,
  CreateInvitationBody,
  InvitationList,
  InvitationLookupBody,
  InvitationPreview,
} from '../schemas/invitations.js';
import {
  ApiKeyList,
  CreateApiKeyBody,
  CreatedApiKey,
  KeyIdParams,
  LeakReportReceipt,
  ListApiKeysQuery,
  RevokeLeakedKeysBody,
  RotateApiKeyBody,
} from '../schemas/keys.js';
import { ListUsersQuery, SetRoleBody, User, UserPage, UserRefParams } from '../schemas/users.js';
import { PATHS } from '../routes.js';
import { defineRoute, NoContent } from './route-definition.js';

const admin = { kind: 'role', role: 'ADMIN' } as const;

export const USER_ROUTES = {
  list: defineRoute({
    method: 'GET',
    path: PATHS.users,
    tags: ['users'],
    access: admin,
    summary: 'List users (admin)',
    querystring: ListUsersQuery,
    response: { 200: UserPage },
  }),
  get: defineRoute({
    method: 'GET',
    path: PATHS.user,
    tags: ['users'],
    access: { kind: 'role', role: 'ADMIN', self: true },
    summary: 'Get a user by id or email (admin, or yourself)',
    params: UserRefParams,
    response: { 200: User },
  }),
  setRole: defineRoute({
    method: 'PUT',
    path: PATHS.userRole,
    tags: ['users'],
    access: { ...admin, manages: true },
    summary: 'Set a user’s role (admin)',
    params: UserRefParams,
    body: SetRoleBody,
    response: { 200: User, 409: ErrorBody },
  }),
  delete: defineRoute({
    method: 'DELETE',
    path: PATHS.user,
    tags: ['users'],
    access: { ...admin, manages: true },
    summary: 'Delete a user and their keys and sessions (admin)',
    params: UserRefParams,
    response: { 204: NoContent, 409: ErrorBody },
  }),
} as const;

export const INVITATION_ROUTES = {
  create: defineRoute({
    method: 'POST',
    path: PATHS.invitations,
    tags: ['invitations'],
    access: { ...admin, manages: true },
    summary: 'Invite an email with a role (admin); 409 INVITATION_PENDING for a pending one unless `replace`',
    body: CreateInvitationBody,
    response: { 201: CreatedInvitation, 409: ErrorBody },
  }),
  list: defineRoute({
    method: 'GET',
    path: PATHS.invitations,
    tags: ['invitations'],
    access: admin,
    summary: 'List pending invitations (admin)',
    response: { 200: InvitationList },
  }),
  revoke: defineRoute({
    method: 'DELETE',
    path: PATHS.invitation,
    tags: ['invitations'],
    access: { ...admin, manages: true },
    summary: 'Revoke a pending invitation (admin)',
    params: IdParams,
    response: { 204: NoContent },
  }),
  accept: defineRoute({
    method: 'POST',
    path: PATHS.acceptInvitation,
    tags: ['invitations'],
    access: { kind: 'public' },
    summary: 'Accept an invitation: creates the user and signs them in',
    body: AcceptInvitationBody,
    response: { 201: SessionInfo, 400: ErrorBody, 404: ErrorBody, 409: ErrorBody, 429: ErrorBody },
  }),
  lookup: defineRoute({
    method: 'POST',
    path: PATHS.invitationLookup,
    tags: ['invitations'],
    access: { kind: 'public' },
    summary: 'Check an invitation link before accepting it: the email and role it joins with (404 if unusable)',
    body: InvitationLookupBody,
    response: { 200: InvitationPreview, 400: ErrorBody, 404: ErrorBody, 429: ErrorBody },
  }),
} as const;

const keyUser = { kind: 'role', role: 'COLLABORATOR' } as const;

export const KEY_ROUTES = {
  create: defineRoute({
    method: 'POST',
    path: PATHS.keys,
    tags: ['api keys'],
    access: { ...keyUser, manages: true },
    summary: 'Generate an API key (yours, or anyone’s as admin); shown once',
    body: CreateApiKeyBody,
    response: { 201: CreatedApiKey },
  }),
  list: defineRoute({
    method: 'GET',
    path: PATHS.keys,
    tags: ['api keys'],
    access: keyUser,
    summary: 'List API keys (yours, or a user’s as admin); no secrets',
    querystring: ListApiKeysQuery,
    response: { 200: ApiKeyList },
  }),
  delete: defineRoute({
    method: 'DELETE',
    path: PATHS.key,
    tags: ['api keys'],
    access: { ...keyUser, manages: true },
    summary: 'Delete (revoke) an API key',
    params: KeyIdParams,
    response: { 204: NoContent },
  }),
  rotate: defineRoute({
    method: 'POST',
    path: PATHS.keyRotate,
    tags: ['api keys'],
    access: { ...keyUser, manages: true },
    summary: 'Rotate an API key: a new secret (shown once), the old one working until the grace ends',
    params: KeyIdParams,
    body: RotateApiKeyBody,
    response: { 200: CreatedApiKey, 409: ErrorBody },
  }),
  revokeLeaked: defineRoute({
    method: 'POST',
    path: PATHS.revokeLeakedKeys,
    tags: ['api keys'],
    access: { kind: 'public' },
    summary: 'Report API keys found in the wild: each valid one is revoked at once',
    description:
      'No credentials needed. The answer is the same whether or not any string was a key, and is sent before the keys are looked up.',
    body: RevokeLeakedKeysBody,
    response: { 202: LeakReportReceipt, 400: ErrorBody, 429: ErrorBody },
  }),
} as const;
