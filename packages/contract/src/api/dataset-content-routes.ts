// Inside a dataset: tagging (TAG), its field schema, saved views, and sample media.
import { ErrorBody } from '../errors/error-codes.js';
import {
  AddFieldBody,
  DatasetFieldParams,
  DatasetViewParams,
  FieldList,
  RenameFieldBody,
  type SavedView,
  SavedViewList,
  SavedViewSchema,
  SaveViewBody,
} from '../samples/fields-and-views.js';
import {
  DatasetSampleParams,
  TagBody,
  TagProgressParams,
  TagProgressResult,
  UpdatedResult,
} from '../samples/sample.js';
import { DatasetNameParams } from '../schemas/datasets.js';
import { ThumbnailQuery } from '../schemas/media.js';
import { Type } from 'typebox';
import { PATHS } from '../routes.js';
import { defineRoute, NoContent } from './route-definition.js';

const tag = { kind: 'dataset', permission: 'TAG' } as const;
const view = { kind: 'dataset', permission: 'VIEW' } as const;
const edit = { kind: 'dataset', permission: 'EDIT' } as const;

const tagging = {
  method: 'POST',
  tags: ['samples'],
  access: tag,
  params: DatasetNameParams,
  body: TagBody,
  response: { 200: UpdatedResult, 422: ErrorBody },
} as const;

export const TAG_ROUTES = {
  tag: defineRoute({
    ...tagging,
    path: PATHS.tag,
    summary: 'Tag the samples of a view, or (labels / labelFields) the labels it shows (TAG)',
  }),
  untag: defineRoute({
    ...tagging,
    path: PATHS.untag,
    summary: 'Remove tags from the samples of a view, or from the labels it shows (TAG)',
  }),
  progress: defineRoute({
    method: 'GET',
    path: PATHS.tagProgress,
    tags: ['samples'],
    access: tag,
    params: TagProgressParams,
    response: { 200: TagProgressResult },
    summary: 'How far your tag request named `progress` has come: samples written of the total (TAG)',
  }),
} as const;

export const FIELD_ROUTES = {
  list: defineRoute({
    method: 'GET',
    path: PATHS.fields,
    tags: ['fields'],
    access: view,
    summary: 'Built-in fields, custom fields and custom label attributes (VIEW)',
    params: DatasetNameParams,
    response: { 200: FieldList },
  }),
  add: defineRoute({
    method: 'POST',
    path: PATHS.fields,
    tags: ['fields'],
    access: edit,
    summary: 'Declare a custom field before any sample has it (EDIT); returns the schema',
    params: DatasetNameParams,
    body: AddFieldBody,
    response: { 201: FieldList, 409: ErrorBody },
  }),
  delete: defineRoute({
    method: 'DELETE',
    path: PATHS.field,
    tags: ['fields'],
    access: edit,
    summary: 'Delete a custom field (or label attribute) from the schema and every sample (EDIT)',
    params: DatasetFieldParams,
    response: { 204: NoContent },
  }),
  rename: defineRoute({
    method: 'PATCH',
    path: PATHS.field,
    tags: ['fields'],
    access: edit,
    summary: 'Rename a custom top-level field in the schema and every sample (EDIT); returns the schema',
    params: DatasetFieldParams,
    body: RenameFieldBody,
    response: { 200: FieldList, 409: ErrorBody },
  }),
} as const;

/** The same schemas typed as the contract's SavedView: TypeBox's static type of the recursive expression differs from the hand-written one. */
const SavedViewResponse = Type.Unsafe<SavedView>(SavedViewSchema);
const SavedViewListResponse = Type.Unsafe<{ views: SavedView[] }>(SavedViewList);

export const SAVED_VIEW_ROUTES = {
  list: defineRoute({
    method: 'GET',
    path: PATHS.savedViews,
    tags: ['saved views'],
    access: view,
    summary: 'List a dataset’s saved views (VIEW)',
    params: DatasetNameParams,
    response: { 200: SavedViewListResponse },
  }),
  get: defineRoute({
    method: 'GET',
    path: PATHS.savedView,
    tags: ['saved views'],
    access: view,
    summary: 'Load a saved view by name (VIEW)',
    params: DatasetViewParams,
    response: { 200: SavedViewResponse },
  }),
  // Always 200 with the saved view, whether it was created or replaced: the body cannot tell the two apart
  // reliably, and a client that must not replace one sends no `overwrite` (a clash is then 409).
  save: defineRoute({
    method: 'PUT',
    path: PATHS.savedView,
    tags: ['saved views'],
    access: edit,
    summary:
      'Save a view under a name (EDIT): 200 with the saved view whether created or replaced; replacing needs overwrite: true (else 409)',
    params: DatasetViewParams,
    body: SaveViewBody,
    response: { 200: SavedViewResponse, 409: ErrorBody },
  }),
  delete: defineRoute({
    method: 'DELETE',
    path: PATHS.savedView,
    tags: ['saved views'],
    access: edit,
    summary: 'Delete a saved view (EDIT)',
    params: DatasetViewParams,
    response: { 204: NoContent },
  }),
} as const;

const Binary = Type.Unsafe<string>({ type: 'string', format: 'binary' });
const fileResponses = { 200: Binary, 206: Binary, 416: ErrorBody } as const;

export const MEDIA_ROUTES = {
  media: defineRoute({
    method: 'GET',
    path: PATHS.sampleMedia,
    tags: ['samples'],
    access: view,
    summary:
      'The sample’s media file (VIEW): content type from the extension, single byte ranges, ETag/Last-Modified with 304',
    params: DatasetSampleParams,
    response: fileResponses,
  }),
  thumbnail: defineRoute({
    method: 'GET',
    path: PATHS.sampleThumbnail,
    tags: ['samples'],
    access: view,
    summary:
      'A small JPEG of the sample’s image (VIEW), made on first request and cached on disk; GIF/WebP/BMP up to 8 MiB are sent as they are',
    params: DatasetSampleParams,
    querystring: ThumbnailQuery,
    response: { ...fileResponses, 503: ErrorBody },
  }),
} as const;
