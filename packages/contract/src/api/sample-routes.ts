// Samples: add a batch, get, patch and delete samples, and set values over a view or by id.
import { ErrorBody } from '../errors/error-codes.js';
import { PATHS } from '../routes.js';
import {
  AddSamplesBody,
  AddSamplesResult,
  DatasetSampleParams,
  DeleteSamplesBody,
  DeleteSamplesResult,
  NDJSON_CONTENT_TYPE,
  PatchSampleBody,
  SampleSchema,
  SetValuesBody,
  UpdatedResult,
} from '../samples/sample.js';
import { DatasetNameParams } from '../schemas/datasets.js';
import { defineRoute } from './route-definition.js';

const tags = ['samples'] as const;

export const SAMPLE_ROUTES = {
  add: defineRoute({
    method: 'POST',
    path: PATHS.samples,
    tags,
    access: { kind: 'dataset', permission: 'EDIT' },
    summary: 'Add a batch of samples, all or nothing (EDIT); returns their ids in input order',
    description: `The body is JSON ({"samples": [...]}) or ${NDJSON_CONTENT_TYPE}: one sample object per line, as the SDK sends it.`,
    consumes: ['application/json', NDJSON_CONTENT_TYPE],
    params: DatasetNameParams,
    body: AddSamplesBody,
    response: { 201: AddSamplesResult, 413: ErrorBody },
  }),
  get: defineRoute({
    method: 'GET',
    path: PATHS.sample,
    tags,
    access: { kind: 'dataset', permission: 'VIEW' },
    summary: 'Get one sample with all its fields (VIEW)',
    params: DatasetSampleParams,
    response: { 200: SampleSchema },
  }),
  patch: defineRoute({
    method: 'PATCH',
    path: PATHS.sample,
    tags,
    access: { kind: 'dataset', permission: 'EDIT' },
    summary: 'Set and unset fields of one sample (EDIT)',
    params: DatasetSampleParams,
    body: PatchSampleBody,
    response: { 200: SampleSchema },
  }),
  delete: defineRoute({
    method: 'POST',
    path: PATHS.samplesDelete,
    tags,
    access: { kind: 'dataset', permission: 'EDIT' },
    summary: 'Delete samples by id, or every sample of a view (EDIT)',
    params: DatasetNameParams,
    body: DeleteSamplesBody,
    response: { 200: DeleteSamplesResult, 422: ErrorBody },
  }),
  setValues: defineRoute({
    method: 'POST',
    path: PATHS.setValues,
    tags,
    access: { kind: 'dataset', permission: 'EDIT' },
    summary: 'Write one value per sample of a view, or per sample id (EDIT)',
    params: DatasetNameParams,
    body: SetValuesBody,
    response: { 200: UpdatedResult, 413: ErrorBody, 422: ErrorBody },
  }),
} as const;
