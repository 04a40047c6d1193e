// One batch's samples validated, typed against the growing schema and serialized to the rows the store inserts.
import type { FieldSchema, SampleInput } from '@teamset/contract';
import { conflict, type AppError } from '../errors/app-error.js';
import { newId } from '../ids.js';
import { FieldValues } from './field-values.js';
import { atIndex } from '../samples/sample-context.js';
import { normalizeSampleInput, type NormalizedSample } from './sample-input.js';
import type { EncodedSample } from '../samples/sample-store.js';
import { SchemaBuilder } from '../fields/schema-inference.js';

export function duplicateInBatch(id: string): AppError {
  return conflict(`Sample id ${JSON.stringify(id)} appears more than once in the batch`, { field: 'id', id });
}

/**
 * Encodes samples in input order against one SchemaBuilder, so each sees the types the earlier ones
 * introduced. Pure (no database): the add path runs it on the main thread, and on a worker thread for part
 * of a large NDJSON batch.
 */
export class SampleEncoder {
  readonly schema: SchemaBuilder;
  /** Every sample's id, given or assigned, in input order. */
  readonly ids: string[] = [];
  /** The ids the caller gave, to check against the dataset. */
  readonly given: string[] = [];
  /** Top-level fields whose null was dropped because nothing had typed them yet (see dropUntypedNulls). */
  readonly droppedNulls = new Set<string>();
  private readonly values: FieldValues;
  private readonly seen = new Set<string>();

  constructor(stored: FieldSchema) {
    this.schema = new SchemaBuilder(stored);
    this.values = new FieldValues(this.schema);
  }

  /** Sample `index` of the batch (for messages), validated, typed and serialized; throws an AppError naming the index. */
  encode(input: SampleInput | unknown, index: number): EncodedSample {
    const sample = atIndex(index, () => normalizeSampleInput(input, this.values));
    this.dropUntypedNulls(sample);
    const id = sample.id ?? newId();
    if (sample.id !== undefined) {
      if (this.seen.has(id)) {
        atIndex(index, () => {
          throw duplicateInBatch(id);
        });
      }
      this.seen.add(id);
      this.given.push(id);
    }
    this.ids.push(id);
    return {
      id,
      filepath: sample.filepath,
      tags: JSON.stringify(sample.tags),
      metadata: sample.metadata === null ? null : JSON.stringify(sample.metadata),
      fields: JSON.stringify(sample.fields),
    };
  }

  /**
   * Drops top-level nulls of fields nothing has typed yet (no stored entry, no earlier value of the batch), so
   * every key of a stored `fields` document has a schema entry. Nulls of typed fields are kept: FiftyOne's None.
   */
  private dropUntypedNulls(sample: NormalizedSample): void {
    for (const key of Object.keys(sample.fields)) {
      if (sample.fields[key] === null && this.schema.typeOf(key) === undefined) {
        delete sample.fields[key];
        this.droppedNulls.add(key);
      }
    }
  }
}
