// What import and export need of a dataset and a view: the formats depend on these shapes, never on the datasets module.
import type { Dataset as DatasetRecord, FieldInfo, FieldType, Sample, SampleInput } from '@teamset/contract';
import type { BatchLimits } from '../datasets/sample-batches.js';

/** The dataset an import adds to (the SDK's Dataset fits it). */
export interface ImportTarget {
  addSamples(
    samples: AsyncIterable<SampleInput>,
    options: {
      returnIds: false;
      batch?: Partial<BatchLimits>;
      progress?: (progress: { added: number; elapsedMs: number }) => void;
    },
  ): Promise<number>;
  deleteSamples(ids: string[]): Promise<number>;
  getFieldSchema(): Promise<Record<string, FieldType>>;
  addSampleField(path: string, type: FieldType): Promise<void>;
}

/** The view an export writes (the SDK's DatasetView fits it), with reads of its dataset as it is now. */
export interface ExportSource {
  samples: AsyncIterable<Sample> & { count(): Promise<number>; distinct(path: string): Promise<unknown[]> };
  readRecord(): Promise<DatasetRecord>;
  readFields(): Promise<FieldInfo[]>;
}
