// Compiles a checked view, stage by stage, into a Relation: each stage applies to the rows the previous stages left.
import type { Expression, ResolvedPath } from '@teamset/contract';
import { sql } from 'kysely';
import type { CheckedStage, CheckedView, LabelFilterTarget, PatchesTarget } from './check-view.js';
import { AliasCounter, ExpressionCompiler, type CompileScope } from './compile-expression.js';
import { Relation, type OrderKey } from './relation.js';
import { seededHashSql } from './seeded-hash.js';
import { fieldLocation } from './field-location.js';
import { indexedLabelMatch } from './label-index-conditions.js';
import { indexedNumberMatch } from './number-index-conditions.js';
import { indexedTagMatch } from './tag-index-conditions.js';
import type { Sql, SqlDialect } from './sql-dialect.js';

/**
 * True when the view keeps insertion order and never cuts by position, so "rows after seq n" can be applied to the
 * base scan (an index range) instead of around the whole view: filter_labels subqueries, which the planners may not
 * see through, then do not rebuild the labels of every earlier page again.
 */
export function seqOrderedWithoutSlices(checked: CheckedView): boolean {
  return checked.stages.every(
    ({ stage }) =>
      !['sort_by', 'skip', 'limit', 'take', 'shuffle', 'to_patches'].includes(stage.stage) &&
      !(stage.stage === 'select' && stage.ordered === true),
  );
}

/** A view that is an insertion-ordered view without slices (`prefix`) cut to a window of its rows by trailing skip/limit stages. */
export interface SeqWindow {
  prefix: CheckedView;
  offset: number;
  /** Rows in the window; undefined when only skips cut it. */
  limit: number | undefined;
}

/**
 * The window when the view ends in skip/limit stages after an insertion-ordered prefix (`limit(n)` of a dataset or
 * of a match). Paging it as "the prefix's rows after seq s, at most what is left of the window" keeps each page an
 * index range: paging around the sliced subquery made every page scan the window from its start again.
 */
export function seqWindow(checked: CheckedView): SeqWindow | undefined {
  let cut = checked.stages.length;
  while (cut > 0 && ['skip', 'limit'].includes((checked.stages[cut - 1] as CheckedStage).stage.stage)) cut--;
  if (cut === checked.stages.length) return undefined;
  const prefix = { ...checked, stages: checked.stages.slice(0, cut) };
  if (!seqOrderedWithoutSlices(prefix)) return undefined;
  let offset = 0;
  let limit: number | undefined;
  for (const { stage } of checked.stages.slice(cut)) {
    if (stage.stage === 'skip') {
      offset += stage.n;
      if (limit !== undefined) limit = Math.max(0, limit - stage.n);
    } else if (stage.stage === 'limit') limit = limit === undefined ? stage.n : Math.min(limit, stage.n);
  }
  return { prefix, offset, limit };
}

export interface CompiledView {
  checked: CheckedView;
  relation: Relation;
  compiler: ExpressionCompiler;
  dialect: SqlDialect;
  datasetId: string;
  /** Label-level reads may use the label index (views/label-index.ts); false forces the document scan. */
  labelIndex: boolean;
}

/**
 * Stage semantics (FiftyOne's):
 * - match / match_tags / exists / select / exclude filter the current rows and keep their order;
 * - filter_labels rewrites `fields` (list labels keep the matching items; a single label becomes null when it does
 *   not match); with only_matches (default) samples left with no label are dropped;
 * - sort_by orders by a field or expression, ascending with null/missing first, ties by seq;
 * - skip / limit cut the current order; take(size, seed) keeps `size` samples in seeded random order;
 *   shuffle(seed) reorders; select(ordered) orders by the given ids;
 * - select_fields / exclude_fields only narrow the schema and the returned documents (see CheckedView).
 */
export function compileView(
  checked: CheckedView,
  datasetId: string,
  dialect: SqlDialect,
  options: {
    seqAfter?: number;
    labelIndex?: boolean;
    /** Stages (by position) compiled as this condition instead, or dropped (null): see sampleSetView. */
    replace?: ReadonlyMap<number, Sql | null>;
  } = {},
): CompiledView {
  const compiler = new ExpressionCompiler(dialect, checked.types, new AliasCounter());
  let relation = Relation.base(dialect, datasetId, options.seqAfter);
  // Label fields an earlier filter_labels rewrote: a match on them must read the rewritten documents, not the index.
  const rewritten = new Set<string>();
  // The indexes describe samples: after to_patches, stages read the patch rows themselves.
  let patched = false;
  for (const [i, stage] of checked.stages.entries()) {
    const replacement = options.replace?.get(i);
    if (replacement !== undefined) {
      if (replacement !== null) relation = relation.where(replacement);
      continue;
    }
    const indexed =
      options.labelIndex !== false && !patched ? indexedStage(stage, compiler, rewritten, datasetId) : undefined;
    relation = indexed
      ? relation.where(indexed)
      : applyStage(relation, stage, compiler, patched ? undefined : datasetId);
    if (stage.labels) rewritten.add(stage.labels.field);
    if (stage.patches) patched = true;
  }
  const labelIndex = options.labelIndex !== false && checked.patches === undefined;
  return { checked, relation, compiler, dialect, datasetId, labelIndex };
}

/** `samplesOf`: the dataset whose samples the rows are (undefined once they are patches). */
function applyStage(
  relation: Relation,
  checked: CheckedStage,
  compiler: ExpressionCompiler,
  samplesOf: string | undefined,
): Relation {
  const d = compiler.dialect;
  const stage = checked.stage;
  switch (stage.stage) {
    case 'match':
      return relation.where(compiler.condition(stage.filter));
    case 'match_tags': {
      const has = d.hasTags(stage.tags, stage.all === true);
      return relation.where(stage.bool === false ? sql`not ${has}` : has);
    }
    case 'exists': {
      const present = fieldPresent(compiler, checked.existsField as ResolvedPath);
      return relation.where(stage.bool === false ? sql`not ${present}` : present);
    }
    case 'filter_labels':
      return filterLabels(
        relation,
        checked.labels as LabelFilterTarget,
        stage.filter,
        stage.only_matches !== false,
        compiler,
      );
    case 'sort_by': {
      const kind = checked.sortKind ?? 'number';
      const value =
        stage.field !== undefined
          ? fieldValue(compiler, checked.sortField as ResolvedPath, kind)
          : compiler.value(stage.expr, kind);
      return relation.orderBy([{ sql: value, kind, desc: stage.reverse === true, nullable: true }]);
    }
    case 'skip':
      return relation.wrap(d, { slice: { offset: stage.n } });
    case 'limit':
      return relation.wrap(d, { slice: { limit: stage.n } });
    case 'take':
      return relation.orderBy([seededKey(stage.seed)]).wrap(d, { slice: { limit: stage.size } });
    case 'shuffle':
      return relation.orderBy([seededKey(stage.seed)]);
    case 'select': {
      if (stage.ordered !== true) return relation.where(d.idIn(stage.sample_ids, samplesOf));
      const alias = compiler.aliases.next('o');
      const joined = relation.join(d.idPositions(stage.sample_ids, alias), sql`${sql.ref(`${alias}.id`)} = s.id`);
      return joined.orderBy([{ sql: sql.ref(`${alias}.pos`), kind: 'int', desc: false, nullable: false }]);
    }
    case 'exclude':
      return relation.where(sql`not ${d.idIn(stage.sample_ids, samplesOf)}`);
    case 'select_fields':
    case 'exclude_fields':
      return relation;
    case 'to_patches':
      return toPatches(relation, checked.patches as PatchesTarget, compiler);
  }
}

function toPatches(relation: Relation, target: PatchesTarget, compiler: ExpressionCompiler): Relation {
  const d = compiler.dialect;
  const list = d.child(d.document('fields'), target.listPath.split('.'));
  const iteration = d.each(list, compiler.aliases.next(), true);
  return relation.explode(d, iteration, d.patchColumns(iteration.element, target.field));
}

/** A stage answered from the indexes (migrations 0006, 0007, 0011): match_tags, or a match on labels or numbers. */
function indexedStage(
  checked: CheckedStage,
  compiler: ExpressionCompiler,
  rewritten: ReadonlySet<string>,
  datasetId: string,
): Sql | undefined {
  const { stage } = checked;
  if (stage.stage === 'match_tags')
    return indexedTagMatch(compiler.dialect, datasetId, stage.tags, stage.all === true, stage.bool !== false);
  return indexedMatch(checked, compiler, rewritten, datasetId);
}

/**
 * A match whose conjuncts (all, or some of a top-level `and`) test a label list via the label index or compare a
 * number field with a literal via the number index.
 */
function indexedMatch(
  checked: CheckedStage,
  compiler: ExpressionCompiler,
  rewritten: ReadonlySet<string>,
  datasetId: string,
): Sql | undefined {
  const { stage } = checked;
  if (stage.stage !== 'match') return undefined;
  const conjuncts = stage.filter.op === 'and' ? stage.filter.args : [stage.filter];
  const parts = conjuncts.map((expr) => ({
    expr,
    indexed:
      indexedLabelMatch(compiler.dialect, checked.schema, expr, rewritten) ??
      indexedNumberMatch(compiler.dialect, checked.schema, expr, datasetId),
  }));
  if (parts.every((part) => part.indexed === undefined)) return undefined;
  return sql`(${sql.join(
    parts.map((part) => part.indexed ?? compiler.condition(part.expr)),
    sql.raw(' and '),
  )})`;
}

function seededKey(seed: number): OrderKey {
  return { sql: seededHashSql(sql.ref('s.seq'), seed), kind: 'int', desc: false, nullable: false };
}

function filterLabels(
  relation: Relation,
  labels: LabelFilterTarget,
  filter: Expression,
  onlyMatches: boolean,
  compiler: ExpressionCompiler,
): Relation {
  const d = compiler.dialect;
  const fields = d.document('fields');
  let rewritten: Sql;
  let stillHasLabels: Sql;
  if (labels.listPath !== undefined) {
    const segments = labels.listPath.split('.');
    const list = d.child(fields, segments);
    const iteration = d.each(list, compiler.aliases.next(), false);
    const scope: CompileScope = { element: iteration.element, type: { kind: 'object', labelClass: labels.labelClass } };
    rewritten = d.withFilteredList(list, segments, iteration, compiler.condition(filter, scope));
    stillHasLabels = sql`(${d.arrayLength(list, false)} > 0)`;
  } else {
    const label = d.child(fields, [labels.field]);
    const scope: CompileScope = { element: label, type: { kind: 'object', labelClass: labels.labelClass } };
    rewritten = d.withNulledLabel(label, [labels.field], compiler.condition(filter, scope));
    stillHasLabels = d.present(label);
  }
  // Opaque: inlined, the rewritten document was recomputed at every reference, once per label when aggregating
  // labels (measured 2-3× slower). Ordered inside, so pages still stop early.
  const wrapped = relation.wrap(d, { fields: rewritten, opaque: true });
  // Read on the wrapped rows, where `s.fields` is the rewritten document.
  return onlyMatches ? wrapped.where(stillHasLabels) : wrapped;
}

/** Two-valued: the field is present and not null; through a list (`ground_truth.detections.label`), on some element. */
export function fieldPresent(compiler: ExpressionCompiler, resolved: ResolvedPath): Sql {
  const d = compiler.dialect;
  const location = fieldLocation(d, resolved);
  if (location.kind === 'column') return d.bool(true);
  if (location.project === undefined) return d.present(location.loc);
  const it = compiler.iterate({
    array: location.loc,
    project: location.project,
    element: { kind: 'any' },
    guard: false,
    predicates: [],
  });
  return sql`exists (select 1 from ${it.from} where ${sql.join([...it.conditions, d.present(it.scope.element)], sql.raw(' and '))})`;
}

/** One value per sample of a field outside any list, as a scalar of `kind`. */
export function fieldValue(
  compiler: ExpressionCompiler,
  resolved: ResolvedPath,
  kind: 'number' | 'string' | 'bool',
): Sql {
  const location = fieldLocation(compiler.dialect, resolved);
  if (location.kind === 'column') return location.sql;
  return compiler.dialect.scalar(location.loc, kind, false);
}
