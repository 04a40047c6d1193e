// Reading a view: pages of samples, values of one path, aggregations and tag counts. POSTs: a view is too large and nested for a query string.
import { ErrorBody } from '../errors/error-codes.js';
import { PATHS } from '../routes.js';
import { AggregateBody, AggregateResult } from '../samples/aggregations.js';
import { CountTagsBody, QuerySamplesBody, SamplePage, TagCounts, ValuesBody, ValuesResult } from '../samples/sample.js';
import { DatasetNameParams } from '../schemas/datasets.js';
import { defineRoute } from './route-definition.js';

const tags = ['samples'] as const;
const access = { kind: 'dataset', permission: 'VIEW' } as const;

export const VIEW_READ_ROUTES = {
  query: defineRoute({
    method: 'POST',
    path: PATHS.samplesQuery,
    tags,
    access,
    summary: 'One keyset page of a view’s samples, in view order (VIEW)',
    params: DatasetNameParams,
    body: QuerySamplesBody,
    response: { 200: SamplePage, 422: ErrorBody },
  }),
  values: defineRoute({
    method: 'POST',
    path: PATHS.values,
    tags,
    access,
    summary: 'One value of a path per sample of a view, in view order (VIEW)',
    params: DatasetNameParams,
    body: ValuesBody,
    response: { 200: ValuesResult, 422: ErrorBody },
  }),
  aggregate: defineRoute({
    method: 'POST',
    path: PATHS.aggregate,
    tags,
    access,
    summary: 'Run several aggregations over one view (VIEW)',
    params: DatasetNameParams,
    body: AggregateBody,
    response: { 200: AggregateResult, 422: ErrorBody },
  }),
  countTags: defineRoute({
    method: 'POST',
    path: PATHS.countTags,
    tags,
    access,
    summary: 'Count sample tags, or label tags, over a view (VIEW)',
    params: DatasetNameParams,
    body: CountTagsBody,
    response: { 200: TagCounts, 422: ErrorBody },
  }),
} as const;
