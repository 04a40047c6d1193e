// OpenAPI document at /api/v1/openapi.json and a browsable page at /docs.
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { API_KEY_HEADER, META_ROUTES, PATHS, SESSION_COOKIE } from '@teamset/contract';
import type { FastifyInstance } from 'fastify';
import { publicRoute } from './protected-route.js';
import type { TypedApp } from './route-context.js';

export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Teamset API',
        version,
        description:
          'Self-hosted dataset server. Authenticate with a personal API key in `X-API-Key` (or `Authorization: Bearer`), or a session cookie from sign-in.',
      },
      components: {
        securitySchemes: {
          apiKey: { type: 'apiKey', in: 'header', name: API_KEY_HEADER },
          bearer: { type: 'http', scheme: 'bearer' },
          session: { type: 'apiKey', in: 'cookie', name: SESSION_COOKIE },
        },
      },
    },
  });
  await app.register(swaggerUi, { routePrefix: '/docs', uiConfig: { url: PATHS.openapi } as Record<string, unknown> });
  publicRoute(app as unknown as TypedApp, META_ROUTES.openapi, async (_request, reply) => reply.send(app.swagger()));
}
