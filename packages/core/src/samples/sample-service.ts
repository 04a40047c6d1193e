// SampleService: every sample-level operation of a dataset behind its permission (SampleOperations), composed of one part per concern.
import type {
  AggregateResult,
  Aggregation,
  FieldInfo,
  FieldType,
  Sample,
  SampleInput,
  SamplePage,
} from '@teamset/contract';
import type { Actor } from '../actor.js';
import { EncodeWorkerClient } from '../encoding/encode-worker-client.js';
import { FieldOperations } from '../fields/field-operations.js';
import type { NdjsonInput } from '../encoding/ndjson-samples.js';
import { SampleAdditions } from './sample-additions.js';
import type { SampleContext } from './sample-context.js';
import { SampleEdits } from './sample-edits.js';
import type { SampleOperations, SamplePageJson } from './sample-operations.js';
import { SampleReads } from './sample-reads.js';
import { SampleTagging, type TagInput } from './sample-tagging.js';
import type { TagProgress } from './tag-progress.js';
import { SetValues, type SetValuesInput } from './set-values.js';

export class SampleService implements SampleOperations {
  private readonly additions: SampleAdditions;
  private readonly reads: SampleReads;
  private readonly edits: SampleEdits;
  private readonly writes: SetValues;
  private readonly tagging: SampleTagging;
  private readonly fields: FieldOperations;
  private readonly encodeWorker = new EncodeWorkerClient();

  constructor(ctx: SampleContext) {
    this.additions = new SampleAdditions(ctx, this.encodeWorker);
    this.reads = new SampleReads(ctx);
    this.edits = new SampleEdits(ctx);
    this.writes = new SetValues(ctx);
    this.tagging = new SampleTagging(ctx);
    this.fields = new FieldOperations(ctx);
  }

  addSamples(actor: Actor, dataset: string, samples: SampleInput[]): Promise<{ ids: string[] }> {
    return this.additions.add(actor, dataset, samples);
  }

  addSamplesNdjson(actor: Actor, dataset: string, body: NdjsonInput): Promise<{ ids: string[] }> {
    return this.additions.addNdjson(actor, dataset, body);
  }

  /** Stops the encoding worker thread, if one was started. */
  close(): Promise<void> {
    return this.encodeWorker.close();
  }

  getSample(actor: Actor, dataset: string, sampleId: string): Promise<Sample> {
    return this.reads.get(actor, dataset, sampleId);
  }

  patchSample(
    actor: Actor,
    dataset: string,
    sampleId: string,
    patch: { set?: Record<string, unknown>; unset?: string[] },
  ): Promise<Sample> {
    return this.edits.patch(actor, dataset, sampleId, patch);
  }

  deleteSamples(
    actor: Actor,
    dataset: string,
    target: { ids?: string[]; view?: unknown },
  ): Promise<{ deleted: number }> {
    return this.edits.delete(actor, dataset, target);
  }

  querySamples(
    actor: Actor,
    dataset: string,
    query: { view?: unknown; after?: string; limit?: number },
  ): Promise<SamplePage> {
    return this.reads.query(actor, dataset, query);
  }

  querySamplesJson(
    actor: Actor,
    dataset: string,
    query: { view?: unknown; after?: string; limit?: number },
  ): Promise<SamplePageJson> {
    return this.reads.queryJson(actor, dataset, query);
  }

  values(actor: Actor, dataset: string, query: { view?: unknown; path: string; unwind?: boolean }): Promise<unknown[]> {
    return this.reads.values(actor, dataset, query);
  }

  setValues(actor: Actor, dataset: string, input: SetValuesInput): Promise<{ updated: number }> {
    return this.writes.run(actor, dataset, input);
  }

  aggregate(
    actor: Actor,
    dataset: string,
    query: { view?: unknown; aggregations: Aggregation[] },
  ): Promise<AggregateResult> {
    return this.reads.aggregate(actor, dataset, query);
  }

  tag(actor: Actor, dataset: string, input: TagInput): Promise<{ updated: number }> {
    return this.tagging.retag(actor, dataset, input, true);
  }

  untag(actor: Actor, dataset: string, input: TagInput): Promise<{ updated: number }> {
    return this.tagging.retag(actor, dataset, input, false);
  }

  /** How far the caller's tagging request named `token` has come (undefined: unknown or long finished). */
  tagProgress(actor: Actor, dataset: string, token: string): Promise<TagProgress | undefined> {
    return this.tagging.progress(actor, dataset, token);
  }

  countTags(
    actor: Actor,
    dataset: string,
    input: { view?: unknown; labels?: boolean; labelFields?: string[] },
  ): Promise<Record<string, number>> {
    return this.tagging.countTags(actor, dataset, input);
  }

  getFieldSchema(actor: Actor, dataset: string): Promise<FieldInfo[]> {
    return this.fields.list(actor, dataset);
  }

  addField(actor: Actor, dataset: string, path: string, type: FieldType): Promise<FieldInfo[]> {
    return this.fields.add(actor, dataset, path, type);
  }

  deleteField(actor: Actor, dataset: string, path: string): Promise<void> {
    return this.fields.delete(actor, dataset, path);
  }

  renameField(actor: Actor, dataset: string, path: string, newPath: string): Promise<FieldInfo[]> {
    return this.fields.rename(actor, dataset, path, newPath);
  }
}
