// A dataset's field schema: list (VIEW); declare, delete and rename custom fields (EDIT).
import { FIELD_ROUTES, type FieldType } from '@teamset/contract';
import { protectedRoute } from '../http/protected-route.js';
import type { RouteContext, TypedApp } from '../http/route-context.js';

export function registerFieldRoutes(app: TypedApp, ctx: RouteContext): void {
  const { samples } = ctx.services;

  protectedRoute(app, ctx, FIELD_ROUTES.list, async (actor, request) => ({
    fields: await samples.getFieldSchema(actor, request.params.name),
  }));

  protectedRoute(app, ctx, FIELD_ROUTES.add, async (actor, request, reply) =>
    // The type string is checked by the service against the declarable types (a 400 naming it).
    reply.code(201).send({
      fields: await samples.addField(actor, request.params.name, request.body.path, request.body.type as FieldType),
    }),
  );

  protectedRoute(app, ctx, FIELD_ROUTES.delete, async (actor, request, reply) => {
    await samples.deleteField(actor, request.params.name, request.params.path);
    return reply.code(204).send(null);
  });

  protectedRoute(app, ctx, FIELD_ROUTES.rename, async (actor, request) => ({
    fields: await samples.renameField(actor, request.params.name, request.params.path, request.body.newPath),
  }));
}
