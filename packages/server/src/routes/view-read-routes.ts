// Reading a view (VIEW): pages of samples, values of one path, aggregations, and tag counts.
import {
  AggregateBody,
  AggregateResult,
  CountTagsBody,
  DatasetNameParams,
  ErrorBody,
  PATHS,
  QuerySamplesBody,
  SamplePage,
  TagCounts,
  ValuesBody,
  ValuesResult,
} from '@teamset/contract';
import { actorOf } from '../auth/authenticate.js';
import { samplePageText, sendJsonText } from '../http/json-splice.js';
import { PROTECTED_ERRORS, SECURITY, NoQuery, type RouteContext, type TypedApp } from '../http/route-context.js';
import { JSON_STRINGIFY_RESPONSES } from './json-responses.js';
import { checkViewInBody } from './view-body-check.js';

export function registerViewReadRoutes(app: TypedApp, ctx: RouteContext): void {
  // Reads are POSTs: a view is a JSON document too large and nested for a query string.
  const common = { onRequest: ctx.authenticate, preValidation: checkViewInBody } as const;
  const stringified = { ...common, ...JSON_STRINGIFY_RESPONSES } as const;
  const schema = { tags: ['samples'], security: SECURITY, querystring: NoQuery };
  const errors = { 422: ErrorBody, ...PROTECTED_ERRORS } as const;
  const { samples } = ctx.services;

  // Iterating a dataset through the SDK is this route: each sample's JSON text comes from core and is spliced in.
  app.post(
    PATHS.samplesQuery,
    {
      ...stringified,
      schema: {
        ...schema,
        summary: 'One keyset page of a view’s samples, in view order (VIEW)',
        params: DatasetNameParams,
        body: QuerySamplesBody,
        response: { 200: SamplePage, ...errors },
      },
    },
    async (request, reply) =>
      sendJsonText(
        reply,
        samplePageText(await samples.querySamplesJson(actorOf(request), request.params.name, request.body)),
      ),
  );

  app.post(
    PATHS.values,
    {
      ...stringified,
      schema: {
        ...schema,
        summary: 'One value of a path per sample of a view, in view order (VIEW)',
        params: DatasetNameParams,
        body: ValuesBody,
        response: { 200: ValuesResult, ...errors },
      },
    },
    async (request) => ({
      values: await samples.values(actorOf(request), request.params.name, request.body),
    }),
  );

  app.post(
    PATHS.aggregate,
    {
      ...stringified,
      schema: {
        ...schema,
        summary: 'Run several aggregations over one view (VIEW)',
        params: DatasetNameParams,
        body: AggregateBody,
        response: { 200: AggregateResult, ...errors },
      },
    },
    async (request) => samples.aggregate(actorOf(request), request.params.name, request.body),
  );

  app.post(
    PATHS.countTags,
    {
      ...common,
      schema: {
        ...schema,
        summary: 'Count sample tags, or label tags, over a view (VIEW)',
        params: DatasetNameParams,
        body: CountTagsBody,
        response: { 200: TagCounts, ...errors },
      },
    },
    async (request) => ({
      counts: await samples.countTags(actorOf(request), request.params.name, request.body),
    }),
  );
}
