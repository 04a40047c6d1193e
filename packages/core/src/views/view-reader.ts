// The read path over views (docs/design.md §5): the contract between the samples service and the view → SQL compiler.
import type { AggregationResult, Aggregation, View } from '@teamset/contract';
import type { Db } from '../db/schema.js';
import type { SampleRow, ViewTarget, VisibleLabels } from './view-target.js';

/**
 * Implemented by ViewQueries (views/view-queries.ts). Every method compiles the view for the database's
 * dialect — never raw SQL from a client — and runs under the query-time budget: past it the query is
 * cancelled and AppError QUERY_TIMEOUT is thrown. `view` is the untrusted JSON; `parse` validates it
 * (structure, limits, then against target.schema) and throws BAD_REQUEST with `details.problems`
 * ([{path, message}], paths like `stages[1].filter.args[0]`) naming every bad part.
 */
export interface ViewReader {
  /** Validated view, or BAD_REQUEST. undefined → the empty view (the whole dataset in insertion order). */
  parse(target: ViewTarget, view: unknown): View;
  /** One keyset page in view order; `after` is a previous page's nextCursor (BAD_REQUEST when malformed or from another view). */
  page(
    target: ViewTarget,
    view: View,
    options: { after?: string; limit: number },
    db?: Db,
  ): Promise<{ rows: SampleRow[]; nextCursor: string | null }>;
  /**
   * The same page as the JSON texts of its samples (the contract's Sample), joined by commas, in one UTF-8 buffer,
   * made in SQL from the stored documents' text without parsing them (on SQLite by the reader thread that ran the
   * query): a server writes it into the response as it is. `count` is the number of samples.
   */
  pageJson(
    target: ViewTarget,
    view: View,
    options: { after?: string; limit: number },
    db?: Db,
  ): Promise<{ samples: Uint8Array; count: number; nextCursor: string | null }>;
  count(target: ViewTarget, view: View, db?: Db): Promise<number>;
  /** Ids of the view's samples in view order (for writes over a view: tag, set values, delete, clone). */
  sampleIds(target: ViewTarget, view: View, db?: Db): Promise<string[]>;
  /** FiftyOne values(): one entry per sample in view order; through a label list a list per sample, flattened when `unwind`. */
  values(target: ViewTarget, view: View, path: string, options?: { unwind?: boolean }, db?: Db): Promise<unknown[]>;
  aggregate(target: ViewTarget, view: View, aggregations: Aggregation[], db?: Db): Promise<AggregationResult[]>;
  /** For each sample of the view and each given label field, the ids of the labels the view shows (after filter_labels). */
  visibleLabels(target: ViewTarget, view: View, labelFields: string[], db?: Db): Promise<VisibleLabels[]>;
  /** Sample tag → number of the view's samples with it. */
  countSampleTags(target: ViewTarget, view: View, db?: Db): Promise<Record<string, number>>;
  /** Label tag → number of labels the view shows in the given label fields that carry it. */
  countLabelTags(target: ViewTarget, view: View, labelFields: string[], db?: Db): Promise<Record<string, number>>;
}
