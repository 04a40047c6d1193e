// What reading an import's input produces: validated samples ready to stream, and what the new dataset should look like.
import type { CreateDatasetBody, FieldType, SampleInput } from '@teamset/contract';

export interface PreparedImport {
  /** Samples in input order, each with its id; iterated once, lazily, so the input is never held as samples. */
  samples(): Iterable<SampleInput> | AsyncIterable<SampleInput>;
  /** How many samples `samples()` yields. */
  sampleCount: number;
  /** How many labels they carry. */
  labelCount: number;
  /** Problems that did not stop the import. */
  warnings: string[];
  /** Record settings for a dataset the import creates (e.g. COCO categories in `info`). */
  datasetDefaults: Omit<CreateDatasetBody, 'name'>;
  /** Fields to declare before the first sample (FiftyOne's integer fields, which JSON alone would make floats). */
  declarations: Array<{ path: string; type: FieldType }>;
  /** Time spent reading and validating, in ms. */
  readMs: number;
}
