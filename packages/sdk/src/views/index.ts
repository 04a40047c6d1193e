// The SDK's view builders: F(...) expressions and the immutable stage list that DatasetView will wrap.
export { ViewExpression, type ExpressionLike, type ExpressionScope, type MatchesOptions } from './view-expression.js';
export { F, and_, or_, not_, lit } from './f.js';
export {
  ViewBuilder,
  randomSeed,
  type FilterLabelsOptions,
  type SeedOptions,
  type SelectOptions,
  type SortByOptions,
} from './view-stages.js';
