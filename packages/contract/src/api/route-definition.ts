// What one HTTP route is, declared once: the server registers it, the SDK calls it, the auth tests probe it.
import { Type, type Static, type TSchema } from 'typebox';
import type { DatasetPermission, Role } from '../constants/roles.js';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * Who may call a route, as docs/design.md §2 states it. The server's services enforce it; the auth tests read it.
 * - `public`: no credentials;
 * - `signedIn`: any signed-in user, guests included (what a listing shows still depends on their access);
 * - `role`: at least this role (`self`: or the caller acting on themselves, e.g. their own dataset permissions);
 * - `dataset`: at least this permission on the dataset named in the path (`role`: and at least this role, as for
 *   cloning; `note`: a stricter level for part of the body, as renaming needs MANAGE).
 * `manages`: a management change (keys, users, groups, permissions, invitations, settings, your account), which an
 * API key scoped to read-only management is refused (403) whatever its user may do.
 */
export type RouteAccess =
  | { kind: 'public' }
  | { kind: 'signedIn'; manages?: true }
  | { kind: 'role'; role: Role; self?: true; manages?: true }
  | { kind: 'dataset'; permission: DatasetPermission; role?: Role; note?: string; manages?: true };

export interface RouteDefinition {
  method: HttpMethod;
  /** A `PATHS` entry. */
  path: string;
  summary: string;
  description?: string;
  tags: readonly string[];
  access: RouteAccess;
  params?: TSchema;
  /** Omitted: the route takes no query string (a stray parameter is a 400). */
  querystring?: TSchema;
  /** Set on the few routes that ignore whatever query string they are sent (the health check). */
  anyQuery?: true;
  body?: TSchema;
  consumes?: readonly string[];
  /** Left out of the OpenAPI document, and its schema checks (the document's own route). */
  hidden?: true;
  /** Success responses and the errors particular to the route; protected routes add the common ones (400–429). */
  response: Readonly<Record<number, TSchema>>;
}

/** Keeps a definition's literal types (method, path, schemas) so handlers and clients are typed from it. */
export function defineRoute<const R extends RouteDefinition>(route: R): R {
  return route;
}

type StaticOf<S, Otherwise> = S extends TSchema ? Static<S> : Otherwise;
type SuccessCode = 200 | 201 | 202 | 204 | 206;

export type RouteParams<R extends RouteDefinition> = StaticOf<R['params'], Record<string, never>>;
export type RouteQuery<R extends RouteDefinition> = StaticOf<R['querystring'], Record<string, never>>;
export type RouteBody<R extends RouteDefinition> = StaticOf<R['body'], undefined>;
/** The body of any of the route's success responses (a 204's is nothing). */
export type RouteResult<R extends RouteDefinition> = {
  [C in keyof R['response'] & SuccessCode]: C extends 204 ? void : StaticOf<R['response'][C], never>;
}[keyof R['response'] & SuccessCode];

/** `METHOD path`, the key the auth tests and the registered-route lister use. */
export function routeId(route: Pick<RouteDefinition, 'method' | 'path'>): string {
  return `${route.method} ${route.path}`;
}

/** The body of a 204. */
export const NoContent = Type.Null();
