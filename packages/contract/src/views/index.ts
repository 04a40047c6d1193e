// The view language: expression AST, stages, limits and their validation. Pure: no schema, no storage, no SQL.
export * from './field-path.js';
export * from './operators.js';
export * from './expression.js';
export * from './stages.js';
export * from './limits.js';
export * from './problem.js';
export * from './regex/index.js';
export { validateExpression, type ValidateExpressionOptions } from './validate-expression.js';
export { STAGE_PARAMS } from './validate-stage.js';
export * from './validate-view.js';
