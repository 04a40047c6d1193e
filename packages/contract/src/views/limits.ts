// Resource limits on a view: every bound the validator enforces, so a client cannot make the server do unbounded work.

export interface ViewLimits {
  /** Stages in one view. */
  maxStages: number;
  /** Nesting depth of one expression; the root node is depth 1. */
  maxDepth: number;
  /** Expression nodes across the whole view (all stages together). */
  maxNodes: number;
  /** Items in one list literal (`in`/`nin` lists) and in `tags`/`fields` lists. */
  maxInListLength: number;
  /** Characters in one regular expression (`matches`). */
  maxRegexLength: number;
  /** Characters in one string literal, tag or field path list item. */
  maxStringLength: number;
  /** Ids in one `select`/`exclude` stage. */
  maxSampleIds: number;
}

export const DEFAULT_VIEW_LIMITS: Readonly<ViewLimits> = Object.freeze({
  maxStages: 50,
  maxDepth: 32,
  maxNodes: 2000,
  maxInListLength: 10_000,
  maxRegexLength: 200,
  maxStringLength: 10_000,
  maxSampleIds: 100_000,
});

/** Defaults with the caller's overrides; a server can raise or lower single bounds from its config. */
export function resolveViewLimits(overrides?: Partial<ViewLimits>): ViewLimits {
  return { ...DEFAULT_VIEW_LIMITS, ...overrides };
}
