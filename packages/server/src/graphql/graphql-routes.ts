// FiftyOne's management endpoint: POST /graphql/v1 as the API key's user, plus the path spellings its client can produce.
import { utf8BodyText } from '../http/json-body-parser.js';
import { baseUrlOf, type RouteContext, type TypedApp } from '../http/route-context.js';
import { actorOf } from '../auth/authenticate.js';
import { executeRequest } from './execute-request.js';
import type { GraphQLLimits } from './query-limits.js';
import { buildTeamsetSchema } from './schema.js';

export const GRAPHQL_PATH = '/graphql/v1';

/**
 * FiftyOne's client joins FIFTYONE_API_URI and "graphql/v1" (and "health"): a URI with a trailing slash
 * can give "//graphql/v1", and a URI with a path prefix (the server behind a proxy that does not strip it,
 * named by --public-url) gives "/prefix/graphql/v1". Each spelling is registered explicitly.
 */
export function compatiblePaths(path: string, publicUrl: string | undefined): string[] {
  const prefix = publicUrl ? new URL(publicUrl).pathname.replace(/\/+$/, '') : '';
  const prefixes = prefix === '' ? [''] : ['', prefix];
  return [...new Set(prefixes.flatMap((p) => [`${p}${path}`, `${p}/${path}`]))];
}

export function registerGraphqlRoutes(app: TypedApp, ctx: RouteContext, limits: GraphQLLimits): void {
  const schema = buildTeamsetSchema();
  // Own scope: the body is read as text, so malformed JSON is a GraphQL error (HTTP 200) rather than the API's 400;
  // bytes that are not UTF-8 are a 400 as anywhere else (no text to answer about).
  void app.register(async (scope) => {
    scope.removeContentTypeParser('application/json');
    scope.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
      try {
        done(null, utf8BodyText(body));
      } catch (error) {
        done(error as Error, undefined);
      }
    });

    for (const url of compatiblePaths(GRAPHQL_PATH, ctx.publicUrl)) {
      scope.post(url, { onRequest: ctx.authenticate, schema: { hide: true } }, async (request, reply) => {
        const context = {
          actor: actorOf(request),
          services: ctx.services,
          acceptUrlBase: baseUrlOf(request, ctx.publicUrl),
          log: request.log,
        };
        const response = await executeRequest(schema, request.body, context, limits);
        // A generated API key or an invitation link may be in the answer: nothing may cache it.
        return reply
          .code(200)
          .header('cache-control', 'no-store')
          .type('application/json; charset=utf-8')
          .send(JSON.stringify(response));
      });
    }
    // GET /health itself is the health routes' own; these are its other spellings.
    for (const url of compatiblePaths('/health', ctx.publicUrl).filter((u) => u !== '/health')) {
      scope.get(url, { schema: { hide: true } }, async () => ({ status: 'available' as const }));
    }
  });
}
