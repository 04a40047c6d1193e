// addSamples: one batch validated, typed and inserted all-or-nothing, schema entries included, in one transaction.
import type { SampleInput } from '@teamset/contract';
import type { Actor } from '../actor.js';
import { isUniqueViolation, nowIso } from '../db/database.js';
import { badRequest, conflict, type AppError } from '../errors/app-error.js';
import { newId } from '../ids.js';
import { FieldValues } from './field-values.js';
import { atIndex, type SampleContext } from './sample-context.js';
import { normalizeSampleInput, type NormalizedSample } from './sample-input.js';
import type { EncodedSample } from './sample-store.js';
import { SchemaBuilder } from './schema-inference.js';

/** Samples validated and inserted per step of one batch. */
const CHUNK = 256;

function duplicateId(id: string): AppError {
  return conflict(`A sample with id ${JSON.stringify(id)} already exists in this dataset`, { field: 'id', id });
}

/**
 * Drops top-level nulls of fields nothing has typed yet (no stored entry, no earlier value of the batch), so
 * every key of a stored `fields` document has a schema entry. Nulls of typed fields are kept: FiftyOne's None.
 */
function dropUntypedNulls(sample: NormalizedSample, schema: SchemaBuilder): void {
  for (const key of Object.keys(sample.fields)) {
    if (sample.fields[key] === null && schema.typeOf(key) === undefined) delete sample.fields[key];
  }
}

export class SampleAdditions {
  constructor(private readonly ctx: SampleContext) {}

  async add(actor: Actor, dataset: string, samples: readonly SampleInput[]): Promise<{ ids: string[] }> {
    const { record, target } = await this.ctx.open(actor, dataset, 'EDIT');
    if (!Array.isArray(samples)) throw badRequest('samples must be a list of sample objects', { field: 'samples' });
    if (samples.length === 0) return { ids: [] };

    const schema = new SchemaBuilder(target.schema);
    const values = new FieldValues(schema);
    const ids: string[] = [];
    const given: string[] = [];
    const seen = new Set<string>();
    /** Validated, typed and serialized: the sample as the store inserts it. */
    const encode = (input: SampleInput, i: number): EncodedSample => {
      const sample = atIndex(i, () => normalizeSampleInput(input, values));
      dropUntypedNulls(sample, schema);
      const id = sample.id ?? newId();
      if (sample.id !== undefined) {
        if (seen.has(id)) {
          atIndex(i, () => {
            throw duplicateInBatch(id);
          });
        }
        seen.add(id);
        given.push(id);
      }
      ids.push(id);
      return {
        id,
        filepath: sample.filepath,
        tags: JSON.stringify(sample.tags),
        metadata: sample.metadata === null ? null : JSON.stringify(sample.metadata),
        fields: JSON.stringify(sample.fields),
      };
    };

    const at = nowIso();
    try {
      await this.ctx.database.db.transaction().execute(async (trx) => {
        // A chunk at a time: its documents die young instead of the whole batch living until one insert. A bad
        // sample in a later chunk still undoes everything: the transaction rolls back, schema entries included.
        for (let start = 0; start < samples.length; start += CHUNK) {
          const checked = given.length;
          const rows = samples.slice(start, start + CHUNK).map((input, k) => encode(input, start + k));
          await this.ctx.fields.apply(trx, record.id, schema.takeChanges(), at);
          if (given.length > checked) {
            const [taken] = await this.ctx.samples.existingIds(trx, record.id, given.slice(checked));
            if (taken !== undefined) throw duplicateId(taken);
          }
          await this.ctx.samples.insert(trx, record.id, rows, at);
        }
        await this.ctx.touch(trx, record.id, at);
      });
    } catch (error) {
      // A concurrent batch inserted one of the given ids after the check: still a 409 naming it.
      if (isUniqueViolation(error)) {
        const [taken] = await this.ctx.samples.existingIds(this.ctx.database.db, record.id, given);
        throw duplicateId(taken ?? given[0] ?? 'unknown');
      }
      throw error;
    }
    return { ids };
  }
}

function duplicateInBatch(id: string): AppError {
  return conflict(`Sample id ${JSON.stringify(id)} appears more than once in the batch`, { field: 'id', id });
}
