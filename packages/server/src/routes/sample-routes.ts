// Samples: add a batch, get, patch and delete samples, and set values over a view or by id (EDIT to write, VIEW to read).
import {
  AddSamplesBody,
  AddSamplesResult,
  DatasetNameParams,
  DatasetSampleParams,
  DeleteSamplesBody,
  DeleteSamplesResult,
  ErrorBody,
  NDJSON_CONTENT_TYPE,
  PATHS,
  PatchSampleBody,
  SampleSchema,
  SetValuesBody,
  UpdatedResult,
} from '@teamset/contract';
import { actorOf } from '../auth/authenticate.js';
import { ndjsonOr, NdjsonBody } from '../http/json-body-parser.js';
import { validatorCompiler } from '../http/validator-compiler.js';
import { PROTECTED_ERRORS, SECURITY, NoQuery, type RouteContext, type TypedApp } from '../http/route-context.js';
import { JSON_STRINGIFY_RESPONSES } from './json-responses.js';
import { checkViewInBody } from './view-body-check.js';

/**
 * Bulk writes take far more than the app's 1 MB default: the SDK sends ~1 MB batches, but a batch of large
 * label lists, or set_values over a whole dataset, is bigger. Still bounded, so one request cannot exhaust memory.
 */
export const BULK_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

export function registerSampleRoutes(app: TypedApp, ctx: RouteContext): void {
  const common = { onRequest: ctx.authenticate } as const;
  const schema = { tags: ['samples'], security: SECURITY, querystring: NoQuery };
  const { samples } = ctx.services;

  app.post(
    PATHS.samples,
    {
      ...common,
      bodyLimit: BULK_BODY_LIMIT_BYTES,
      validatorCompiler: ndjsonOr(validatorCompiler),
      schema: {
        ...schema,
        summary: 'Add a batch of samples, all or nothing (EDIT); returns their ids in input order',
        description: `The body is JSON ({"samples": [...]}) or ${NDJSON_CONTENT_TYPE}: one sample object per line, as the SDK sends it.`,
        consumes: ['application/json', NDJSON_CONTENT_TYPE],
        params: DatasetNameParams,
        body: AddSamplesBody,
        response: { 201: AddSamplesResult, 413: ErrorBody, ...PROTECTED_ERRORS },
      },
    },
    async (request, reply) => {
      const body = request.body as AddSamplesBody | NdjsonBody;
      const actor = actorOf(request);
      const result =
        body instanceof NdjsonBody
          ? await samples.addSamplesNdjson(actor, request.params.name, body.bytes)
          : await samples.addSamples(actor, request.params.name, body.samples);
      return reply.code(201).send(result);
    },
  );

  app.get(
    PATHS.sample,
    {
      ...common,
      ...JSON_STRINGIFY_RESPONSES,
      schema: {
        ...schema,
        summary: 'Get one sample with all its fields (VIEW)',
        params: DatasetSampleParams,
        response: { 200: SampleSchema, ...PROTECTED_ERRORS },
      },
    },
    async (request) => samples.getSample(actorOf(request), request.params.name, request.params.sampleId),
  );

  app.patch(
    PATHS.sample,
    {
      ...common,
      ...JSON_STRINGIFY_RESPONSES,
      schema: {
        ...schema,
        summary: 'Set and unset fields of one sample (EDIT)',
        params: DatasetSampleParams,
        body: PatchSampleBody,
        response: { 200: SampleSchema, ...PROTECTED_ERRORS },
      },
    },
    async (request) =>
      samples.patchSample(actorOf(request), request.params.name, request.params.sampleId, request.body),
  );

  app.post(
    PATHS.samplesDelete,
    {
      ...common,
      preValidation: checkViewInBody,
      schema: {
        ...schema,
        summary: 'Delete samples by id, or every sample of a view (EDIT)',
        params: DatasetNameParams,
        body: DeleteSamplesBody,
        response: { 200: DeleteSamplesResult, 422: ErrorBody, ...PROTECTED_ERRORS },
      },
    },
    async (request) => samples.deleteSamples(actorOf(request), request.params.name, request.body),
  );

  app.post(
    PATHS.setValues,
    {
      ...common,
      bodyLimit: BULK_BODY_LIMIT_BYTES,
      preValidation: checkViewInBody,
      schema: {
        ...schema,
        summary: 'Write one value per sample of a view, or per sample id (EDIT)',
        params: DatasetNameParams,
        body: SetValuesBody,
        response: { 200: UpdatedResult, 413: ErrorBody, 422: ErrorBody, ...PROTECTED_ERRORS },
      },
    },
    async (request) => samples.setValues(actorOf(request), request.params.name, request.body),
  );
}
