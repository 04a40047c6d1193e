// The wire shape of a sample (FiftyOne's flat document): built-in fields first, then every custom field.
import type { Sample } from '@teamset/contract';
import type { SampleRow } from '../views/view-target.js';

/** A read row as the contract's `Sample`; custom names never clash with built-ins (they are reserved). */
export function toSample(row: SampleRow): Sample {
  return {
    id: row.id,
    filepath: row.filepath,
    tags: row.tags,
    metadata: row.metadata,
    created_at: row.created_at,
    last_modified_at: row.last_modified_at,
    ...row.fields,
  };
}
