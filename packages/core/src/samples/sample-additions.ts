// addSamples: one batch validated, typed and inserted all-or-nothing, schema entries included, in one transaction.
import { MAX_SAMPLES_PER_BATCH as MAX_BATCH, type FieldSchema, type SampleInput } from '@teamset/contract';
import type { Actor } from '../actor.js';
import { isUniqueViolation, nowIso } from '../db/database.js';
import type { Db } from '../db/schema.js';
import { badRequest, conflict, type AppError } from '../errors/app-error.js';
import type { DatasetRecord } from '../datasets/dataset-store.js';
import type { EncodeReply } from '../encoding/encode-worker.js';
import type { EncodeWorkerClient } from '../encoding/encode-worker-client.js';
import {
  checkBatchSize,
  checkUtf8,
  ndjsonText,
  parseNdjsonSamples,
  splitNdjson,
  type NdjsonInput,
} from '../encoding/ndjson-samples.js';
import type { SampleContext } from './sample-context.js';
import { SampleEncoder } from '../encoding/sample-encoder.js';
import type { EncodedSample } from './sample-store.js';
import type { SchemaChange } from '../fields/schema-inference.js';

/** Samples validated and inserted per step of one batch. */
const CHUNK = 256;
/** NDJSON bodies smaller than this are encoded on the main thread alone: handing half to the worker would cost more than it saves. */
export const PARALLEL_MIN_BYTES = 64 * 1024;
/**
 * The worker's share of a large NDJSON body, by bytes. More than half: while it encodes, the main thread
 * encodes the head and also inserts it.
 */
const WORKER_SHARE = 0.6;

/** Thrown inside the transaction when the two parts of a batch cannot be joined as if encoded in one run. */
const REDO_IN_ONE_RUN = Symbol('redo in one run');

function duplicateId(id: string): AppError {
  return conflict(`A sample with id ${JSON.stringify(id)} already exists in this dataset`, { field: 'id', id });
}

export class SampleAdditions {
  constructor(
    private readonly ctx: SampleContext,
    private readonly worker?: EncodeWorkerClient,
  ) {}

  async add(actor: Actor, dataset: string, samples: readonly SampleInput[]): Promise<{ ids: string[] }> {
    const { record, target } = await this.ctx.open(actor, dataset, 'EDIT');
    return this.addParsed(record, target.schema, samples);
  }

  /**
   * A batch sent as NDJSON (one sample per line). A large one, given as bytes (the server hands over the body),
   * is cut in two: a worker thread encodes the tail while this thread encodes the head and inserts it, and the
   * tail's rows follow in the same transaction. The outcome is that of one run over the whole batch: when the
   * parts cannot be joined so (a failed sample in either, an id given in both, a field typed differently by
   * each), the transaction is rolled back and the batch runs again here in one go, which also names the sample
   * and line at fault.
   */
  async addNdjson(actor: Actor, dataset: string, body: NdjsonInput): Promise<{ ids: string[] }> {
    const { record, target } = await this.ctx.open(actor, dataset, 'EDIT');
    checkUtf8(body);
    const bytes = typeof body === 'string' ? undefined : body;
    const parts =
      bytes && bytes.length >= PARALLEL_MIN_BYTES && this.worker?.available
        ? splitNdjson(bytes, 1 - WORKER_SHARE)
        : undefined;
    if (parts && this.worker) {
      const tail = this.worker.encode(parts.tail, target.schema);
      const done = await this.addInTwoParts(record, target.schema, ndjsonText(parts.head), tail);
      if (done) return done;
    }
    const samples = parseNdjsonSamples(ndjsonText(body)) as SampleInput[];
    checkBatchSize(samples.length);
    return this.addParsed(record, target.schema, samples);
  }

  private async addInTwoParts(
    record: DatasetRecord,
    schema: FieldSchema,
    headText: string,
    tailReply: Promise<EncodeReply | undefined>,
  ): Promise<{ ids: string[] } | undefined> {
    let encoder: SampleEncoder;
    let rows: EncodedSample[];
    try {
      const samples = parseNdjsonSamples(headText);
      encoder = new SampleEncoder(schema);
      rows = samples.map((sample, i) => encoder.encode(sample, i));
    } catch {
      // The run over the whole batch names what failed; the worker's answer is not needed.
      return undefined;
    }
    const at = nowIso();
    let ids: string[] = [];
    try {
      // Both parts' given ids, so a 409 can name one of the tail's too.
      const given = [...encoder.given];
      await this.inTransaction(record.id, given, async (trx) => {
        await this.insertRows(trx, record.id, rows, encoder.schema.takeChanges(), at);
        const tail = await tailReply;
        if (!tail?.ok || encoder.ids.length + tail.ids.length > MAX_BATCH || !joinable(encoder, tail))
          throw REDO_IN_ONE_RUN;
        given.push(...tail.given);
        await this.insertRows(trx, record.id, tail.rows, encoder.schema.takeChanges(), at);
        await this.ctx.touch(trx, record.id, at);
        ids = [...encoder.ids, ...tail.ids];
      });
    } catch (error) {
      if (error === REDO_IN_ONE_RUN) return undefined;
      throw error;
    }
    return { ids };
  }

  private async addParsed(
    record: DatasetRecord,
    schema: FieldSchema,
    samples: readonly SampleInput[],
  ): Promise<{ ids: string[] }> {
    if (!Array.isArray(samples)) throw badRequest('samples must be a list of sample objects', { field: 'samples' });
    if (samples.length === 0) return { ids: [] };

    const encoder = new SampleEncoder(schema);
    const at = nowIso();
    await this.inTransaction(record.id, encoder.given, async (trx) => {
      // A chunk at a time: its documents die young instead of the whole batch living until one insert. A bad
      // sample in a later chunk still undoes everything: the transaction rolls back, schema entries included.
      for (let start = 0; start < samples.length; start += CHUNK) {
        const rows = samples.slice(start, start + CHUNK).map((input, k) => encoder.encode(input, start + k));
        await this.insertRows(trx, record.id, rows, encoder.schema.takeChanges(), at);
      }
      await this.ctx.touch(trx, record.id, at);
    });
    return { ids: encoder.ids };
  }

  /** Persists `rows` with the schema entries they add. A given id the dataset already has fails the insert (see inTransaction). */
  private async insertRows(
    trx: Db,
    datasetId: string,
    rows: readonly EncodedSample[],
    changes: readonly SchemaChange[],
    at: string,
  ): Promise<void> {
    await this.ctx.fields.apply(trx, datasetId, changes, at);
    await this.ctx.samples.insert(trx, datasetId, rows, at);
  }

  /**
   * Runs `write` in one transaction. The unique (dataset_id, id) index refuses a given id the dataset already
   * has, whether it was there before or a concurrent batch just added it; the 409 then names it, found after the
   * rollback. No lookup before the insert: an import gives every id, and checking them all first cost as much
   * as a tenth of the insert.
   */
  private async inTransaction(
    datasetId: string,
    given: readonly string[],
    write: (trx: Db) => Promise<void>,
  ): Promise<void> {
    try {
      await this.ctx.database.db.transaction().execute(write);
    } catch (error) {
      if (isUniqueViolation(error)) {
        const [taken] = await this.ctx.samples.existingIds(this.ctx.database.db, datasetId, given);
        throw duplicateId(taken ?? given[0] ?? 'unknown');
      }
      throw error;
    }
  }
}

/**
 * Whether the tail, encoded from the stored schema, joins the head as if both had run in one go: no id given in
 * both, no null the tail dropped for a field the head typed (in one run it would have been kept), and every
 * type the tail reached taken in by the head's schema (which then holds the joined schema).
 */
function joinable(head: SampleEncoder, tail: Extract<EncodeReply, { ok: true }>): boolean {
  const headIds = new Set(head.given);
  if (tail.given.some((id) => headIds.has(id))) return false;
  if (tail.droppedNulls.some((name) => head.schema.typeOf(name) !== undefined)) return false;
  return tail.changes.every(([path, type]) => head.schema.absorb(path, type));
}
