// "Copy as code": a view's stages as TypeScript SDK calls (F(...) expressions and DatasetView stage methods) that build the same view.
import type { Expression, LiteralValue, Stage } from '@teamset/contract';

type Scope = 'sample' | 'element';

const json = (value: unknown): string => JSON.stringify(value);

/** Methods named after the operator (FiftyOne's, in camelCase), called on the first argument with the rest as operands. */
const METHODS: Record<string, string> = {
  eq: 'eq',
  ne: 'ne',
  gt: 'gt',
  gte: 'gte',
  lt: 'lt',
  lte: 'lte',
  in: 'isIn',
  nin: 'notIn',
  not: 'not',
  add: 'add',
  sub: 'sub',
  mul: 'mul',
  div: 'div',
  mod: 'mod',
  abs: 'abs',
  round: 'round',
  starts_with: 'startsWith',
  ends_with: 'endsWith',
  contains: 'contains',
  lower: 'lower',
  upper: 'upper',
  strlen: 'strlen',
  length: 'length',
  if_else: 'ifElse',
};

/** An operand: literals are passed as they are (the SDK accepts them wherever an expression goes). */
function operand(node: Expression, scope: Scope): string {
  return node.op === 'lit' ? json(node.value) : expressionCode(node, scope);
}

/** F(...) code for an expression; in element scope F("x") is the current label's x and F("$x") the sample's. */
export function expressionCode(node: Expression, scope: Scope): string {
  switch (node.op) {
    case 'field':
      return scope === 'element' ? `F(${json(`$${node.path}`)})` : `F(${json(node.path)})`;
    case 'elem':
      return node.path === undefined ? 'F()' : `F(${json(node.path)})`;
    case 'lit':
      return `F.lit(${json(node.value as LiteralValue)})`;
    case 'and':
    case 'or':
      return `F.${node.op}(${node.args.map((a) => operand(a, scope)).join(', ')})`;
    case 'exists':
      return `${expressionCode(node.args[0] as Expression, scope)}.exists()`;
    case 'matches': {
      const options = node.ignore_case ? ', { ignoreCase: true }' : '';
      return `${expressionCode(node.args[0], scope)}.matches(${json(node.args[1].value)}${options})`;
    }
    case 'filter':
    case 'any':
    case 'all': {
      const [list, predicate] = node.args as [Expression, Expression];
      return `${expressionCode(list, scope)}.${node.op}(${expressionCode(predicate, 'element')})`;
    }
    default: {
      const [first, ...rest] = node.args;
      const method = METHODS[node.op] ?? node.op;
      return `${expressionCode(first as Expression, scope)}.${method}(${rest.map((a) => operand(a, scope)).join(', ')})`;
    }
  }
}

/** `{ a: 1 }` with only the options that are set, or '' when none is. */
function options(entries: Record<string, unknown>): string {
  const set = Object.entries(entries).filter(([, value]) => value !== undefined);
  return set.length === 0 ? '' : `{ ${set.map(([key, value]) => `${key}: ${json(value)}`).join(', ')} }`;
}

const args = (...parts: string[]) => parts.filter((p) => p !== '').join(', ');

function stageCode(stage: Stage): string {
  switch (stage.stage) {
    case 'match':
      return `.match(${expressionCode(stage.filter, 'sample')})`;
    case 'match_tags':
      return `.matchTags(${args(json(stage.tags), options({ bool: stage.bool, all: stage.all }))})`;
    case 'exists':
      return `.exists(${args(json(stage.field), stage.bool === undefined ? '' : json(stage.bool))})`;
    case 'filter_labels':
      return `.filterLabels(${args(json(stage.field), expressionCode(stage.filter, 'element'), options({ onlyMatches: stage.only_matches }))})`;
    case 'sort_by': {
      const key = stage.field !== undefined ? json(stage.field) : expressionCode(stage.expr, 'sample');
      return `.sortBy(${args(key, options({ reverse: stage.reverse }))})`;
    }
    case 'skip':
    case 'limit':
      return `.${stage.stage}(${stage.n})`;
    case 'take':
      return `.take(${stage.size}, { seed: ${stage.seed} })`;
    case 'shuffle':
      return `.shuffle({ seed: ${stage.seed} })`;
    case 'select':
      return `.select(${args(json(stage.sample_ids), options({ ordered: stage.ordered }))})`;
    case 'exclude':
      return `.exclude(${json(stage.sample_ids)})`;
    case 'select_fields':
      return `.selectFields(${json(stage.fields)})`;
    case 'exclude_fields':
      return `.excludeFields(${json(stage.fields)})`;
    case 'to_patches':
      return `.toPatches(${json(stage.field)})`;
  }
}

/** A script that opens the dataset and builds the view; runs as it is over either SDK connection. */
export function sdkCode(dataset: string, stages: readonly Stage[]): string {
  const chain = stages.length === 0 ? ['dataset.view()'] : ['dataset', ...stages.map((s) => `  ${stageCode(s)}`)];
  return [
    "import { F, loadDataset } from '@teamset/sdk';",
    '',
    `const dataset = await loadDataset(${json(dataset)});`,
    `const view = ${chain.join('\n')};`,
    'console.log(await view.count());',
    '',
  ].join('\n');
}
