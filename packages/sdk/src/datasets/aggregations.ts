// Aggregation builders (FiftyOne's fo.Count, fo.Distinct, …): each says what to ask for and how to read its answer.
import type { Aggregation, AggregationResult, AggregationType } from '@teamset/contract';
import { ServerError } from '../errors.js';

export type AggregationScalar = string | number | boolean;

/** `countValues` answers as a Map (insertion order = the server's: count descending, then value), so 1, "1", true and null stay distinct keys. */
export type CountValuesResult = Map<AggregationScalar | null, number>;
export interface HistogramResult {
  /** One count per bin. */
  counts: number[];
  /** bins + 1 edges; the last bin includes its upper edge. */
  edges: number[];
  /** Values outside the range. */
  other: number;
}

type ResultOf<T extends AggregationType> = Extract<AggregationResult, { type: T }>;

/** One aggregation: its request JSON and the conversion of its result to what the SDK returns. */
export abstract class AggregationSpec<R, T extends AggregationType = AggregationType> {
  protected constructor(readonly type: T) {}

  abstract toJSON(): Aggregation;
  protected abstract read(result: ResultOf<T>): R;

  /** Checks that the server answered this aggregation (results come back in request order). */
  parse(result: AggregationResult | undefined): R {
    if (result?.type !== this.type) {
      throw new ServerError(
        `expected a ${this.type} aggregation result, got ${result === undefined ? 'none' : result.type}`,
      );
    }
    return this.read(result as ResultOf<T>);
  }
}

/** Samples in the view, or (with a path) non-null values of it, list elements unwound. */
export class Count extends AggregationSpec<number, 'count'> {
  constructor(readonly path?: string) {
    super('count');
  }
  toJSON(): Aggregation {
    return this.path === undefined ? { type: 'count' } : { type: 'count', path: this.path };
  }
  protected read(result: ResultOf<'count'>): number {
    return result.count;
  }
}

/** The distinct non-null values, sorted. */
export class Distinct extends AggregationSpec<AggregationScalar[], 'distinct'> {
  constructor(readonly path: string) {
    super('distinct');
  }
  toJSON(): Aggregation {
    return { type: 'distinct', path: this.path };
  }
  protected read(result: ResultOf<'distinct'>): AggregationScalar[] {
    return result.values;
  }
}

export class CountValues extends AggregationSpec<CountValuesResult, 'count_values'> {
  constructor(readonly path: string) {
    super('count_values');
  }
  toJSON(): Aggregation {
    return { type: 'count_values', path: this.path };
  }
  protected read(result: ResultOf<'count_values'>): CountValuesResult {
    return new Map(result.values.map(({ value, count }) => [value, count]));
  }
}

/** [min, max], or [null, null] when there are no values. */
export class Bounds extends AggregationSpec<[number | null, number | null], 'bounds'> {
  constructor(readonly path: string) {
    super('bounds');
  }
  toJSON(): Aggregation {
    return { type: 'bounds', path: this.path };
  }
  protected read(result: ResultOf<'bounds'>): [number | null, number | null] {
    return [result.bounds[0], result.bounds[1]];
  }
}

/** null when there are no values. */
export class Mean extends AggregationSpec<number | null, 'mean'> {
  constructor(readonly path: string) {
    super('mean');
  }
  toJSON(): Aggregation {
    return { type: 'mean', path: this.path };
  }
  protected read(result: ResultOf<'mean'>): number | null {
    return result.mean;
  }
}

export class Sum extends AggregationSpec<number, 'sum'> {
  constructor(readonly path: string) {
    super('sum');
  }
  toJSON(): Aggregation {
    return { type: 'sum', path: this.path };
  }
  protected read(result: ResultOf<'sum'>): number {
    return result.sum;
  }
}

export interface HistogramOptions {
  /** Default 10. */
  bins?: number;
  /** [lower, upper]; the values' bounds when omitted. */
  range?: [number, number];
}

export class HistogramValues extends AggregationSpec<HistogramResult, 'histogram_values'> {
  constructor(
    readonly path: string,
    readonly options: HistogramOptions = {},
  ) {
    super('histogram_values');
  }
  toJSON(): Aggregation {
    const { bins, range } = this.options;
    return {
      type: 'histogram_values',
      path: this.path,
      ...(bins !== undefined ? { bins } : {}),
      ...(range ? { range: [range[0], range[1]] } : {}),
    };
  }
  protected read(result: ResultOf<'histogram_values'>): HistogramResult {
    return { counts: result.counts, edges: result.edges, other: result.other };
  }
}

/** The result types of a list of aggregations, position by position. */
export type AggregationResults<A extends readonly AggregationSpec<unknown>[]> = {
  -readonly [K in keyof A]: A[K] extends AggregationSpec<infer R> ? R : never;
};
