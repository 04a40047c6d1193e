// Validates one stage: known name, exactly its keys, and each parameter by kind (expression, path, count, seed, ids).
import { fieldPathProblem } from './field-path.js';
import { indexPath, keyPath } from './problem.js';
import { MAX_SEED, SAMPLE_ID_PATTERN, STAGE_NAMES, isStageName, type StageName } from './stages.js';
import { walkExpression, type ExpressionWalk } from './validate-expression.js';

type ParamKind =
  'expression' | 'labelExpression' | 'fieldPath' | 'boolean' | 'count' | 'seed' | 'tags' | 'sampleIds' | 'fields';
interface ParamSpec {
  kind: ParamKind;
  required: boolean;
}
const req = (kind: ParamKind): ParamSpec => ({ kind, required: true });
const opt = (kind: ParamKind): ParamSpec => ({ kind, required: false });

/** Each stage's parameters; the one table the validator reads, mirrored by the TypeBox schemas in stages.ts. */
export const STAGE_PARAMS: Record<StageName, Record<string, ParamSpec>> = {
  match: { filter: req('expression') },
  match_tags: { tags: req('tags'), bool: opt('boolean'), all: opt('boolean') },
  exists: { field: req('fieldPath'), bool: opt('boolean') },
  filter_labels: { field: req('fieldPath'), filter: req('labelExpression'), only_matches: opt('boolean') },
  // field XOR expr, checked below
  sort_by: { field: opt('fieldPath'), expr: opt('expression'), reverse: opt('boolean') },
  skip: { n: req('count') },
  limit: { n: req('count') },
  take: { size: req('count'), seed: req('seed') },
  shuffle: { seed: req('seed') },
  select: { sample_ids: req('sampleIds'), ordered: opt('boolean') },
  exclude: { sample_ids: req('sampleIds') },
  select_fields: { fields: req('fields') },
  exclude_fields: { fields: req('fields') },
  to_patches: { field: req('fieldPath') },
};

const SAMPLE_ID_REGEX = new RegExp(SAMPLE_ID_PATTERN);

export function walkStage(stage: unknown, path: string, walk: ExpressionWalk): void {
  const report = (at: string, message: string): void => void walk.problems.push({ path: at, message });
  if (typeof stage !== 'object' || stage === null || Array.isArray(stage)) {
    return report(path, 'expected a stage object like {"stage": "match", "filter": {...}}');
  }
  const record = stage as Record<string, unknown>;
  const name = record['stage'];
  if (typeof name !== 'string') return report(path, 'missing "stage"');
  if (!isStageName(name))
    return report(path, `unknown stage ${JSON.stringify(name)}; expected one of ${STAGE_NAMES.join(', ')}`);
  const params = STAGE_PARAMS[name];
  for (const key of Object.keys(record)) {
    if (key !== 'stage' && !Object.hasOwn(params, key))
      report(keyPath(path, key), `unknown parameter ${JSON.stringify(key)} for stage "${name}"`);
  }
  for (const [key, spec] of Object.entries(params)) {
    const value = record[key];
    if (value === undefined) {
      if (spec.required) report(keyPath(path, key), `stage "${name}" needs "${key}"`);
      continue;
    }
    checkParam(spec.kind, value, keyPath(path, key), walk);
  }
  if (name === 'sort_by' && (record['field'] === undefined) === (record['expr'] === undefined)) {
    report(path, 'stage "sort_by" needs exactly one of "field" and "expr"');
  }
}

function checkParam(kind: ParamKind, value: unknown, path: string, walk: ExpressionWalk): void {
  const report = (at: string, message: string): void => void walk.problems.push({ path: at, message });
  const { limits } = walk;
  switch (kind) {
    case 'expression':
      return walkExpression(value, path, false, walk);
    case 'labelExpression':
      return walkExpression(value, path, true, walk);
    case 'fieldPath': {
      const problem = fieldPathProblem(value);
      if (problem) report(path, problem);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean') report(path, 'expected a boolean');
      return;
    case 'count':
      if (!Number.isSafeInteger(value) || (value as number) < 0) report(path, 'expected a non-negative integer');
      return;
    case 'seed':
      if (!Number.isInteger(value) || (value as number) < 0 || (value as number) > MAX_SEED) {
        report(path, `expected an integer seed from 0 to ${MAX_SEED}`);
      }
      return;
    case 'tags':
      return checkList(value, path, 1, limits.maxInListLength, walk, (item) =>
        typeof item === 'string' && item.length > 0 && item.length <= limits.maxStringLength
          ? undefined
          : `expected a non-empty tag string of at most ${limits.maxStringLength} characters`,
      );
    case 'sampleIds':
      return checkList(value, path, 0, limits.maxSampleIds, walk, (item) =>
        typeof item === 'string' && SAMPLE_ID_REGEX.test(item)
          ? undefined
          : 'expected a sample id (24 lowercase hex characters)',
      );
    case 'fields':
      return checkList(value, path, 0, limits.maxInListLength, walk, fieldPathProblem);
  }
}

function checkList(
  value: unknown,
  path: string,
  minItems: number,
  maxItems: number,
  walk: ExpressionWalk,
  itemProblem: (item: unknown) => string | undefined,
): void {
  const report = (at: string, message: string): void => void walk.problems.push({ path: at, message });
  if (!Array.isArray(value)) return report(path, 'expected a list');
  if (value.length < minItems) return report(path, `expected at least ${minItems} item${minItems === 1 ? '' : 's'}`);
  if (value.length > maxItems) return report(path, `list has ${value.length} items; the limit is ${maxItems}`);
  value.forEach((item: unknown, i) => {
    const problem = itemProblem(item);
    if (problem) report(indexPath(path, i), problem);
  });
}
