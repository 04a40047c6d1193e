// Samples: add a batch, get, patch and delete samples, and set values over a view or by id (EDIT to write, VIEW to read).
import { SAMPLE_ROUTES, type AddSamplesBody } from '@teamset/contract';
import { ndjsonOr, NdjsonBody } from '../http/json-body-parser.js';
import { protectedRoute } from '../http/protected-route.js';
import { validatorCompiler } from '../http/validator-compiler.js';
import type { RouteContext, TypedApp } from '../http/route-context.js';
import { JSON_STRINGIFY_RESPONSES } from './json-responses.js';
import { checkViewInBody } from './view-body-check.js';

/**
 * Bulk writes take far more than the app's 1 MB default: the SDK sends ~1 MB batches, but a batch of large
 * label lists, or set_values over a whole dataset, is bigger. Still bounded, so one request cannot exhaust memory.
 */
export const BULK_BODY_LIMIT_BYTES = 64 * 1024 * 1024;

export function registerSampleRoutes(app: TypedApp, ctx: RouteContext): void {
  const { samples } = ctx.services;

  protectedRoute(
    app,
    ctx,
    SAMPLE_ROUTES.add,
    async (actor, request, reply) => {
      const body = request.body as AddSamplesBody | NdjsonBody;
      const result =
        body instanceof NdjsonBody
          ? await samples.addSamplesNdjson(actor, request.params.name, body.bytes)
          : await samples.addSamples(actor, request.params.name, body.samples);
      return reply.code(201).send(result);
    },
    { bodyLimit: BULK_BODY_LIMIT_BYTES, validatorCompiler: ndjsonOr(validatorCompiler) },
  );

  protectedRoute(
    app,
    ctx,
    SAMPLE_ROUTES.get,
    (actor, request) => samples.getSample(actor, request.params.name, request.params.sampleId),
    JSON_STRINGIFY_RESPONSES,
  );

  protectedRoute(
    app,
    ctx,
    SAMPLE_ROUTES.patch,
    (actor, request) => samples.patchSample(actor, request.params.name, request.params.sampleId, request.body),
    JSON_STRINGIFY_RESPONSES,
  );

  protectedRoute(
    app,
    ctx,
    SAMPLE_ROUTES.delete,
    (actor, request) => samples.deleteSamples(actor, request.params.name, request.body),
    { preValidation: checkViewInBody },
  );

  protectedRoute(
    app,
    ctx,
    SAMPLE_ROUTES.setValues,
    (actor, request) => samples.setValues(actor, request.params.name, request.body),
    { bodyLimit: BULK_BODY_LIMIT_BYTES, preValidation: checkViewInBody },
  );
}
