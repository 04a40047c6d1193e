// A dataset's field schema: list (VIEW); declare, delete and rename custom fields (EDIT).
import {
  AddFieldBody,
  DatasetFieldParams,
  DatasetNameParams,
  ErrorBody,
  FieldList,
  PATHS,
  RenameFieldBody,
  type FieldType,
} from '@teamset/contract';
import { actorOf } from '../auth/authenticate.js';
import { PROTECTED_ERRORS, SECURITY, NoQuery, type RouteContext, type TypedApp } from '../http/route-context.js';

export function registerFieldRoutes(app: TypedApp, ctx: RouteContext): void {
  const common = { onRequest: ctx.authenticate } as const;
  const schema = { tags: ['fields'], security: SECURITY, querystring: NoQuery };
  const { samples } = ctx.services;

  app.get(
    PATHS.fields,
    {
      ...common,
      schema: {
        ...schema,
        summary: 'Built-in fields, custom fields and custom label attributes (VIEW)',
        params: DatasetNameParams,
        response: { 200: FieldList, ...PROTECTED_ERRORS },
      },
    },
    async (request) => ({
      fields: await samples.getFieldSchema(actorOf(request), request.params.name),
    }),
  );

  app.post(
    PATHS.fields,
    {
      ...common,
      schema: {
        ...schema,
        summary: 'Declare a custom field before any sample has it (EDIT); returns the schema',
        params: DatasetNameParams,
        body: AddFieldBody,
        response: { 201: FieldList, 409: ErrorBody, ...PROTECTED_ERRORS },
      },
    },
    async (request, reply) =>
      // The type string is checked by the service against the declarable types (a 400 naming it).
      reply.code(201).send({
        fields: await samples.addField(
          actorOf(request),
          request.params.name,
          request.body.path,
          request.body.type as FieldType,
        ),
      }),
  );

  app.delete(
    PATHS.field,
    {
      ...common,
      schema: {
        ...schema,
        summary: 'Delete a custom field (or label attribute) from the schema and every sample (EDIT)',
        params: DatasetFieldParams,
        response: { 204: { type: 'null' }, ...PROTECTED_ERRORS },
      },
    },
    async (request, reply) => {
      await samples.deleteField(actorOf(request), request.params.name, request.params.path);
      return reply.code(204).send(null);
    },
  );

  app.patch(
    PATHS.field,
    {
      ...common,
      schema: {
        ...schema,
        summary: 'Rename a custom top-level field in the schema and every sample (EDIT); returns the schema',
        params: DatasetFieldParams,
        body: RenameFieldBody,
        response: { 200: FieldList, 409: ErrorBody, ...PROTECTED_ERRORS },
      },
    },
    async (request) => ({
      fields: await samples.renameField(
        actorOf(request),
        request.params.name,
        request.params.path,
        request.body.newPath,
      ),
    }),
  );
}
