// The field schema, saved views and cloning on the wire.
import { Type, type Static } from 'typebox';
import { NullableString, Timestamp } from '../schemas/common.js';
import { DatasetName } from '../schemas/datasets.js';
import { ViewSchema, type View } from '../views/stages.js';
import { DECLARABLE_FIELD_TYPES, type FieldType } from './field-types.js';
import { FieldPathString } from './sample.js';

/** One schema entry: built-in, custom, or a custom attribute of a label (`ground_truth.detections.iscrowd`). */
export interface FieldInfo {
  path: string;
  type: FieldType;
  builtin: boolean;
}
export const FieldInfoSchema = Type.Object(
  { path: Type.String(), type: Type.String(), builtin: Type.Boolean() },
  { title: 'FieldInfo', additionalProperties: false },
);
export const FieldList = Type.Object({ fields: Type.Array(FieldInfoSchema) });
export type FieldList = { fields: FieldInfo[] };

export const AddFieldBody = Type.Object(
  { path: FieldPathString, type: Type.String({ description: `One of ${DECLARABLE_FIELD_TYPES.join(', ')}` }) },
  { additionalProperties: false },
);
export type AddFieldBody = { path: string; type: FieldType };
export const RenameFieldBody = Type.Object({ newPath: FieldPathString }, { additionalProperties: false });
export type RenameFieldBody = Static<typeof RenameFieldBody>;
export const DatasetFieldParams = Type.Object(
  { name: DatasetName, path: FieldPathString },
  { additionalProperties: false },
);
export type DatasetFieldParams = Static<typeof DatasetFieldParams>;

export const SAVED_VIEW_NAME_MAX_LENGTH = 200;
export const SavedViewName = Type.String({ minLength: 1, maxLength: SAVED_VIEW_NAME_MAX_LENGTH });
/** A saved view's colour in the App's menu, as FiftyOne Teams keeps one: `#rrggbb`. */
export const SAVED_VIEW_COLOR_PATTERN = '^#[0-9a-fA-F]{6}$';
export interface SavedView {
  name: string;
  slug: string;
  description: string | null;
  color: string | null;
  view: View;
  createdAt: string;
  lastModifiedAt: string;
  createdBy: string | null;
}
export const SavedViewSchema = Type.Object(
  {
    name: Type.String(),
    slug: Type.String(),
    description: NullableString(Type.String()),
    color: NullableString(Type.String()),
    view: ViewSchema,
    createdAt: Timestamp,
    lastModifiedAt: Timestamp,
    createdBy: NullableString(Type.String()),
  },
  { title: 'SavedView', additionalProperties: false },
);
export const SavedViewList = Type.Object({ views: Type.Array(SavedViewSchema) });
export type SavedViewList = { views: SavedView[] };
/** Saving over an existing name needs `overwrite: true`, so a typo cannot silently replace a colleague's view. */
export const SaveViewBody = Type.Object(
  {
    view: ViewSchema,
    description: Type.Optional(NullableString(Type.String({ maxLength: 10_000 }))),
    /** `#rrggbb`; omitted on a replace: the colour stays. */
    color: Type.Optional(NullableString(Type.String({ pattern: SAVED_VIEW_COLOR_PATTERN }))),
    overwrite: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
export type SaveViewBody = { view: View; description?: string | null; color?: string | null; overwrite?: boolean };
export const DatasetViewParams = Type.Object(
  { name: DatasetName, view: SavedViewName },
  { additionalProperties: false },
);
export type DatasetViewParams = Static<typeof DatasetViewParams>;

/** Clone a dataset, or only the samples of `view`, into a new dataset named `name` (the caller gets MANAGE). */
export const CloneDatasetBody = Type.Object(
  { name: DatasetName, view: Type.Optional(ViewSchema) },
  { additionalProperties: false },
);
export type CloneDatasetBody = { name: string; view?: View };
