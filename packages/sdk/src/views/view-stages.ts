// ViewBuilder: an immutable stage list with FiftyOne's stage methods (camelCase) that emits the contract's view JSON.
import { MAX_SEED, formatProblems, validateView, type Stage, type View, type ViewLimits } from '@teamset/contract';
import { ViewExpression } from './view-expression.js';

/**
 * Resource limits are the server's to set (it may raise or lower them), so the builder checks only the
 * shape of each stage — bad ids, negative counts, unsafe regexes — and fails at the call that made it.
 */
const SHAPE_ONLY_LIMITS: ViewLimits = {
  maxStages: Infinity,
  maxDepth: Infinity,
  maxNodes: Infinity,
  maxInListLength: Infinity,
  maxRegexLength: Infinity,
  maxStringLength: Infinity,
  maxSampleIds: Infinity,
};

export interface FilterLabelsOptions {
  /** Drop samples left with no matching labels (default true, as in FiftyOne). */
  onlyMatches?: boolean;
}
export interface SortByOptions {
  reverse?: boolean;
}
export interface SeedOptions {
  /** Fixes the random choice so the view replays; a random seed is picked when omitted. */
  seed?: number;
}
export interface SelectOptions {
  ordered?: boolean;
}

/** A seed for take/shuffle; not security-sensitive, it only has to differ between calls. */
export function randomSeed(): number {
  return Math.floor(Math.random() * (MAX_SEED + 1));
}

export class ViewBuilder {
  readonly stages: readonly Stage[];

  constructor(stages: readonly Stage[] = []) {
    this.stages = Object.freeze(stages.map((stage) => structuredClone(stage)));
    Object.freeze(this);
  }

  /** Wraps view JSON (e.g. a saved view), refusing it when it is malformed. */
  static fromJSON(view: unknown): ViewBuilder {
    const result = validateView(view, SHAPE_ONLY_LIMITS);
    if (!result.ok) throw new TypeError(`invalid view: ${formatProblems(result.problems)}`);
    return new ViewBuilder(result.view.stages);
  }

  match(filter: ViewExpression): ViewBuilder {
    return this.#add({ stage: 'match', filter: expressionJSON('match', filter) });
  }

  /** Samples with any of the tags (every one, with `all`); `bool: false` inverts. */
  matchTags(tags: string | readonly string[], bool?: boolean, all?: boolean): ViewBuilder {
    return this.#add({
      stage: 'match_tags',
      tags: typeof tags === 'string' ? [tags] : [...tags],
      ...optional({ bool, all }),
    });
  }

  exists(field: string, bool?: boolean): ViewBuilder {
    return this.#add({ stage: 'exists', field, ...optional({ bool }) });
  }

  /** Keeps the labels of `field` matching `filter`, in which F("x") is the label's field x. */
  filterLabels(field: string, filter: ViewExpression, options: FilterLabelsOptions = {}): ViewBuilder {
    if (!(filter instanceof ViewExpression))
      throw new TypeError('filterLabels(): filter must be an expression built with F');
    return this.#add({
      stage: 'filter_labels',
      field,
      filter: filter.toElementJSON(),
      ...optional({ only_matches: options.onlyMatches }),
    });
  }

  sortBy(fieldOrExpr: string | ViewExpression, options: SortByOptions = {}): ViewBuilder {
    const reverse = optional({ reverse: options.reverse });
    if (typeof fieldOrExpr === 'string') return this.#add({ stage: 'sort_by', field: fieldOrExpr, ...reverse });
    return this.#add({ stage: 'sort_by', expr: expressionJSON('sortBy', fieldOrExpr), ...reverse });
  }

  skip(n: number): ViewBuilder {
    return this.#add({ stage: 'skip', n });
  }

  limit(n: number): ViewBuilder {
    return this.#add({ stage: 'limit', n });
  }

  take(size: number, options: SeedOptions = {}): ViewBuilder {
    return this.#add({ stage: 'take', size, seed: options.seed ?? randomSeed() });
  }

  shuffle(options: SeedOptions = {}): ViewBuilder {
    return this.#add({ stage: 'shuffle', seed: options.seed ?? randomSeed() });
  }

  select(sampleIds: string | readonly string[], options: SelectOptions = {}): ViewBuilder {
    return this.#add({ stage: 'select', sample_ids: idList(sampleIds), ...optional({ ordered: options.ordered }) });
  }

  exclude(sampleIds: string | readonly string[]): ViewBuilder {
    return this.#add({ stage: 'exclude', sample_ids: idList(sampleIds) });
  }

  selectFields(fields: string | readonly string[] = []): ViewBuilder {
    return this.#add({ stage: 'select_fields', fields: typeof fields === 'string' ? [fields] : [...fields] });
  }

  excludeFields(fields: string | readonly string[]): ViewBuilder {
    return this.#add({ stage: 'exclude_fields', fields: typeof fields === 'string' ? [fields] : [...fields] });
  }

  /** One row per object of a Detections or Polylines field (FiftyOne's to_patches); read-only. */
  toPatches(field: string): ViewBuilder {
    return this.#add({ stage: 'to_patches', field });
  }

  /** The contract view; a fresh copy each call, so callers may change it freely. */
  toJSON(): View {
    return { stages: structuredClone(this.stages) as Stage[] };
  }

  #add(stage: Stage): ViewBuilder {
    const result = validateView({ stages: [stage] }, SHAPE_ONLY_LIMITS);
    if (!result.ok) {
      // Paths say stages[0]; name the method's stage instead, since the caller knows no index.
      const message = formatProblems(
        result.problems.map((p) => ({ ...p, path: p.path.replace(/^stages\[0\]\.?/, '') })),
      );
      throw new TypeError(`${stage.stage}: ${message}`);
    }
    return new ViewBuilder([...this.stages, stage]);
  }
}

function expressionJSON(method: string, expression: ViewExpression) {
  if (!(expression instanceof ViewExpression)) throw new TypeError(`${method}(): expected an expression built with F`);
  return expression.toJSON();
}

function idList(ids: string | readonly string[]): string[] {
  return typeof ids === 'string' ? [ids] : [...ids];
}

/** Leaves out options the caller did not give, so the JSON carries only what was asked for. */
function optional<T extends Record<string, unknown>>(options: T): Partial<T> {
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as Partial<T>;
}
