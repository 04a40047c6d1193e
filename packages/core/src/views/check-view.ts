// Schema pass over a structurally valid view: every path resolves, operand types fit, and projections narrow the schema.
import {
  BUILTIN_SAMPLE_FIELDS,
  LIST_LABEL_ITEMS,
  indexPath,
  isListLabelClass,
  keyPath,
  resolveFieldPath,
  type FieldSchema,
  type FieldType,
  type ResolvedPath,
  type Stage,
  type View,
  type ViewProblem,
} from '@teamset/contract';
import { ExpressionChecker, newExpressionTypes, type ElementScope, type ExpressionTypes } from './check-expression.js';
import { describeType, isScalarKind, type ScalarKind } from './expression-types.js';

/** What the filter of a filter_labels stage iterates: a label list (`ground_truth.detections`) or one label. */
export interface LabelFilterTarget {
  field: string;
  labelClass: string;
  /** Set for list labels (Detections…): the schema path of the items, e.g. `ground_truth.detections`. */
  listPath?: string;
}

/** One checked stage with what the compiler needs about it. */
export interface CheckedStage {
  stage: Stage;
  /** Field schema visible to this stage (after earlier select_fields / exclude_fields). */
  schema: FieldSchema;
  /** sort_by on a field: its resolved path and scalar kind; sort_by on an expression: the expression's kind. */
  sortKind?: ScalarKind;
  sortField?: ResolvedPath;
  /** exists: the resolved field. */
  existsField?: ResolvedPath;
  labels?: LabelFilterTarget;
  /** to_patches: the label list the patches come from. */
  patches?: PatchesTarget;
}

/** The label list a to_patches stage turns into rows: `ground_truth.detections` of the Detections field `ground_truth`. */
export interface PatchesTarget {
  field: string;
  listPath: string;
  itemClass: string;
}

/** Label classes whose items become patches: FiftyOne's to_patches takes objects with a spatial extent. */
const PATCH_CLASSES: ReadonlySet<string> = new Set(['Detections', 'Polylines']);

export interface CheckedView {
  view: View;
  stages: CheckedStage[];
  types: ExpressionTypes;
  /** The schema after every projection: what values, aggregations and later reads may name. */
  schema: FieldSchema;
  /** Top-level custom fields the view's rows show; undefined when every field is shown. */
  visibleFields: ReadonlySet<string> | undefined;
  /** Set when the view has a to_patches stage: from there on, rows are patches (one per label), not samples. */
  patches: PatchesTarget | undefined;
}

export type ViewCheck = { ok: true; checked: CheckedView } | { ok: false; problems: ViewProblem[] };

/** Runs the schema pass. `view` must already have passed validateView (structure, limits, regex guard). */
export function checkView(view: View, schema: FieldSchema): ViewCheck {
  const problems: ViewProblem[] = [];
  const types = newExpressionTypes();
  const stages: CheckedStage[] = [];
  let visible: FieldSchema = schema;
  let visibleFields: Set<string> | undefined;
  let patches: PatchesTarget | undefined;
  view.stages.forEach((stage, i) => {
    const path = indexPath('stages', i);
    const checker = new ExpressionChecker(visible, types, problems);
    const report = (at: string, message: string): void => void problems.push({ path: at, message });
    const checked: CheckedStage = { stage, schema: visible };
    switch (stage.stage) {
      case 'match':
        checker.checkCondition(stage.filter, keyPath(path, 'filter'), undefined, 'a match filter');
        break;
      case 'exists': {
        const resolved = resolveOrReport(visible, stage.field, keyPath(path, 'field'), report);
        if (resolved) checked.existsField = resolved;
        break;
      }
      case 'filter_labels': {
        const labels = labelTarget(visible, stage.field, keyPath(path, 'field'), report);
        const scope: ElementScope = labels
          ? { element: { kind: 'object', labelClass: labels.labelClass }, elementPath: labels.listPath ?? labels.field }
          : { element: { kind: 'any' } };
        checker.checkCondition(stage.filter, keyPath(path, 'filter'), scope, 'a label filter');
        if (labels) checked.labels = labels;
        break;
      }
      case 'sort_by':
        if (stage.field !== undefined) {
          const resolved = resolveOrReport(visible, stage.field, keyPath(path, 'field'), report);
          if (resolved) {
            const kind = sortableKind(resolved, keyPath(path, 'field'), report);
            if (kind) Object.assign(checked, { sortField: resolved, sortKind: kind });
          }
        } else if (stage.expr !== undefined) {
          const type = checker.check(stage.expr, keyPath(path, 'expr'), undefined);
          if (isScalarKind(type.kind)) checked.sortKind = type.kind as ScalarKind;
          else if (!problems.some((p) => p.path.startsWith(keyPath(path, 'expr')))) {
            report(
              keyPath(path, 'expr'),
              `sort_by needs a number, string or boolean per sample, got ${describeType(type)}`,
            );
          }
        }
        break;
      case 'select_fields':
      case 'exclude_fields': {
        const names = projectedNames(visible, stage.stage, stage.fields, keyPath(path, 'fields'), report);
        const current = visibleFields ?? new Set(topLevelCustomFields(visible));
        visibleFields = new Set(
          [...current].filter((name) => (stage.stage === 'select_fields' ? names.has(name) : !names.has(name))),
        );
        visible = restrictSchema(visible, visibleFields);
        break;
      }
      case 'to_patches': {
        if (patches) {
          report(path, 'a view can have only one to_patches stage');
          break;
        }
        const target = patchesTarget(visible, stage.field, keyPath(path, 'field'), report);
        if (target) {
          checked.patches = patches = target;
          visible = patchSchema(visible, target);
          visibleFields = undefined;
        }
        break;
      }
      default:
        // match_tags, skip, limit, take, shuffle, select, exclude: nothing schema-dependent (validateView checked them).
        break;
    }
    stages.push(checked);
  });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, checked: { view, stages, types, schema: visible, visibleFields, patches } };
}

function resolveOrReport(
  schema: FieldSchema,
  field: string,
  path: string,
  report: (at: string, message: string) => void,
): ResolvedPath | undefined {
  const resolution = resolveFieldPath(schema, field);
  if (resolution.ok) return resolution.resolved;
  report(path, resolution.problem);
  return undefined;
}

function labelTarget(
  schema: FieldSchema,
  field: string,
  path: string,
  report: (at: string, message: string) => void,
): LabelFilterTarget | undefined {
  const resolved = resolveOrReport(schema, field, path, report);
  if (!resolved) return undefined;
  if (resolved.labelClass === undefined || field.includes('.')) {
    report(
      path,
      `filter_labels needs a label field (Detections, Classification, …); ${JSON.stringify(field)} is a ${resolved.type}`,
    );
    return undefined;
  }
  const labelClass = resolved.labelClass;
  if (!isListLabelClass(labelClass)) return { field, labelClass };
  const { key, itemClass } = LIST_LABEL_ITEMS[labelClass];
  return { field, labelClass: itemClass, listPath: `${field}.${key}` };
}

function patchesTarget(
  schema: FieldSchema,
  field: string,
  path: string,
  report: (at: string, message: string) => void,
): PatchesTarget | undefined {
  const resolved = resolveOrReport(schema, field, path, report);
  if (!resolved) return undefined;
  const labelClass = resolved.labelClass;
  if (
    labelClass === undefined ||
    field.includes('.') ||
    !PATCH_CLASSES.has(labelClass) ||
    !isListLabelClass(labelClass)
  ) {
    report(
      path,
      `to_patches needs a Detections or Polylines field; ${JSON.stringify(field)} is ${labelClass ?? resolved.type}`,
    );
    return undefined;
  }
  const { key, itemClass } = LIST_LABEL_ITEMS[labelClass];
  return { field, listPath: `${field}.${key}`, itemClass };
}

/**
 * The schema of a patches view: the label field holds one label of the item class (its custom attributes move up
 * from the list, `ground_truth.detections.iscrowd` → `ground_truth.iscrowd`), and `sample_id` names the source
 * sample. Other custom fields are not part of a patch, as in FiftyOne's default patches view.
 */
function patchSchema(schema: FieldSchema, target: PatchesTarget): FieldSchema {
  const patch: Record<string, FieldType> = { [target.field]: target.itemClass as FieldType, sample_id: 'string' };
  const prefix = `${target.listPath}.`;
  for (const [path, type] of Object.entries(schema)) {
    if (path.startsWith(prefix)) patch[`${target.field}.${path.slice(prefix.length)}`] = type;
  }
  return patch;
}

/** Field types a sample can be sorted by, and the kind of their sort key. */
const SORTABLE: Readonly<Record<string, ScalarKind>> = {
  int: 'number',
  float: 'number',
  string: 'string',
  bool: 'bool',
};

function sortableKind(
  resolved: ResolvedPath,
  path: string,
  report: (at: string, message: string) => void,
): ScalarKind | undefined {
  if (resolved.listPath !== undefined) {
    report(
      path,
      `sort_by needs one value per sample; ${JSON.stringify(resolved.path)} is inside the list ${JSON.stringify(resolved.listPath)}`,
    );
    return undefined;
  }
  const kind = SORTABLE[resolved.type];
  if (kind === undefined)
    report(
      path,
      `sort_by needs a number, string or boolean field; ${JSON.stringify(resolved.path)} is ${resolved.type}`,
    );
  return kind;
}

/** The top-level custom names a select_fields / exclude_fields stage names, reporting names it cannot take. */
function projectedNames(
  schema: FieldSchema,
  stage: 'select_fields' | 'exclude_fields',
  fields: string[],
  path: string,
  report: (at: string, message: string) => void,
): Set<string> {
  const names = new Set<string>();
  fields.forEach((field, i) => {
    const at = indexPath(path, i);
    if (field.includes('.')) return report(at, `${stage} takes top-level field names; got ${JSON.stringify(field)}`);
    if (Object.hasOwn(BUILTIN_SAMPLE_FIELDS, field)) {
      // Built-in fields are always part of a sample (FiftyOne's default fields): selecting them is a no-op.
      if (stage === 'exclude_fields') report(at, `${JSON.stringify(field)} is a built-in field and cannot be excluded`);
      return;
    }
    if (schema[field] === undefined) return report(at, `the view has no field ${JSON.stringify(field)}`);
    names.add(field);
  });
  return names;
}

function topLevelCustomFields(schema: FieldSchema): string[] {
  return Object.keys(schema).filter((path) => !path.includes('.'));
}

/** The schema entries (fields and their label attributes) under the kept top-level names. */
function restrictSchema(schema: FieldSchema, keep: ReadonlySet<string>): FieldSchema {
  return Object.fromEntries(Object.entries(schema).filter(([path]) => keep.has(path.split('.')[0] as string)));
}
