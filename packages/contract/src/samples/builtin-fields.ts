// The fields every sample has (docs/design.md §5), stored in their own columns rather than among the custom fields.
import type { FieldType } from './field-types.js';

/** Built-in sample fields with their types; clients read them but never declare, rename or delete them. */
export const BUILTIN_SAMPLE_FIELDS: Readonly<Record<string, FieldType>> = {
  id: 'string',
  filepath: 'string',
  tags: 'list<string>',
  metadata: 'dict',
  created_at: 'string',
  last_modified_at: 'string',
};

/** FiftyOne's ImageMetadata attributes; other keys in `metadata` are `any`. */
export const METADATA_ATTRIBUTES: Readonly<Record<string, FieldType>> = {
  size_bytes: 'int',
  mime_type: 'string',
  width: 'int',
  height: 'int',
  num_channels: 'int',
};

/** Names a custom field may not take: the built-ins, FiftyOne's private `_id`-style names, and `dataset_id`. */
export function reservedFieldNameProblem(name: string): string | undefined {
  if (Object.hasOwn(BUILTIN_SAMPLE_FIELDS, name)) return `${JSON.stringify(name)} is a built-in sample field`;
  if (name.startsWith('_')) return `field names starting with "_" are reserved`;
  if (name === 'dataset_id') return `"dataset_id" is reserved`;
  return undefined;
}
