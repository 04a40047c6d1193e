// ViewQueries: the read path over views (docs/design.md §5) — validates a view against the schema, compiles it and runs it under budget.
import {
  formatProblems,
  indexPath,
  resolveFieldPath,
  resolveViewLimits,
  validateView,
  type Aggregation,
  type AggregationResult,
  type View,
  type ViewLimits,
  type ViewProblem,
} from '@teamset/contract';
import { sql, type RawBuilder } from 'kysely';
import type { Database } from '../db/database.js';
import type { Db } from '../db/schema.js';
import { badRequest } from '../errors/app-error.js';
import { checkView, type CheckedView } from './check-view.js';
import { compileView, seqOrderedWithoutSlices, seqWindow, type CompiledView, type SeqWindow } from './compile-view.js';
import { afterPosition, decodeCursor, encodeCursor, rowPosition, viewFingerprint } from './keyset-cursor.js';
import { PostgresSql } from './postgres-sql.js';
import { QueryBudget } from './query-budget.js';
import { decodeSampleRow, sampleColumns, sampleRowJson } from './sample-rows.js';
import type { Sql, SqlDialect } from './sql-dialect.js';
import { SqliteSql } from './sqlite-sql.js';
import { AggregationMemo, planAggregations, runAggregation } from './view-aggregations.js';
import { countLabelTags, countSampleTags, resolveLabelFields, visibleLabels } from './view-labels.js';
import type { ViewReader } from './view-reader.js';
import { sharedSamples } from './shared-samples.js';
import type { SampleRow, ViewTarget, VisibleLabels } from './view-target.js';
import { viewValues } from './view-values.js';

export interface ViewQueriesOptions {
  /** Budget of one read in ms (PostgreSQL: per statement; SQLite: the whole read); 0 or Infinity: unbounded. */
  queryTimeoutMs: number;
  limits?: Partial<ViewLimits>;
  /** Answer label-level aggregations from the label index where it can (default true); false always scans documents. */
  labelIndex?: boolean;
}

/** One page's SQL; `returned` (views cut to a window) counts the window's rows the earlier pages returned. */
export interface PageStatement {
  query: RawBuilder<Record<string, unknown>>;
  compiled: CompiledView;
  fingerprint: string;
  returned?: number;
}

/** Problems listed in a 400's message; all of them are in `details.problems`. */
const MESSAGE_PROBLEMS = 5;

/** BAD_REQUEST naming every bad part of a view (`details.problems`: [{path, message}]). */
export function invalidView(problems: readonly ViewProblem[]) {
  const shown = formatProblems(problems.slice(0, MESSAGE_PROBLEMS));
  const more = problems.length > MESSAGE_PROBLEMS ? ` (and ${problems.length - MESSAGE_PROBLEMS} more)` : '';
  return badRequest(`Invalid view: ${shown}${more}`, { problems });
}

function invalidInput(what: string, problems: readonly ViewProblem[]) {
  return badRequest(`Invalid ${what}: ${formatProblems(problems.slice(0, MESSAGE_PROBLEMS))}`, { problems });
}

/**
 * The read path, in order: validateView (structure, limits, regex guard) → checkView (schema pass: paths resolve,
 * operand types fit, projections narrow the schema) → compileView (a Relation per stage) → SQL run under the budget.
 *
 * Rules clients see (details in the modules named):
 * - nulls: missing ≡ null; eq(x, null) is true for both, other comparisons with null are false (compile-expression);
 * - order: default seq; sort_by puts null first ascending, last descending, ties by seq (relation);
 * - cursors: opaque base64url bound to the dataset and view; foreign or edited ones are 400 (keyset-cursor);
 * - take/shuffle: a documented integer hash of (seq, seed), identical on both dialects (seeded-hash);
 * - round is half away from zero; mod keeps the dividend's sign; div by 0 is null (sql-dialect);
 * - all() over an empty or missing list is true; lower/upper fold Unicode on both dialects;
 * - regexes use one syntax (contract's parseViewRegex), printed for RE2 on SQLite and as an ARE for PostgreSQL with
 *   the same meaning; both match in linear time;
 * - visibleLabels leaves out samples whose field shows no label.
 */
export class ViewQueries implements ViewReader {
  private readonly dialect: SqlDialect;
  private readonly budget: QueryBudget;
  private readonly limits: ViewLimits;
  private readonly labelIndex: boolean;

  constructor(database: Database, options: ViewQueriesOptions) {
    this.dialect = database.dialect === 'postgres' ? new PostgresSql() : new SqliteSql();
    this.budget = new QueryBudget(database, options.queryTimeoutMs);
    this.limits = resolveViewLimits(options.limits);
    this.labelIndex = options.labelIndex !== false;
  }

  parse(target: ViewTarget, view: unknown): View {
    if (view === undefined) return { stages: [] };
    return this.check(target, view).view;
  }

  /** Validates (structure and limits, then against the schema) and compiles. A typed View is validated again: it may come straight from the database connection. */
  compile(target: ViewTarget, view: View): CompiledView {
    return compileView(this.check(target, view), target.datasetId, this.dialect, { labelIndex: this.labelIndex });
  }

  /**
   * sampleIds and visibleLabels choose what a write changes; a patches view's rows are labels, so its ids are not
   * sample ids. Writes through one are refused rather than guessed.
   */
  private writable(compiled: CompiledView): CompiledView {
    const at = compiled.checked.stages.findIndex((stage) => stage.patches !== undefined);
    if (at < 0) return compiled;
    throw invalidView([
      {
        path: indexPath('stages', at),
        message: 'a patches view (to_patches) is read-only: tag or edit the labels through a view of the samples',
      },
    ]);
  }

  private check(target: ViewTarget, view: unknown): CheckedView {
    const validation = validateView(view, this.limits);
    if (!validation.ok) throw invalidView(validation.problems);
    const check = checkView(validation.view, target.schema);
    if (!check.ok) throw invalidView(check.problems);
    return check.checked;
  }

  async page(
    target: ViewTarget,
    view: View,
    options: { after?: string; limit: number },
    db?: Db,
  ): Promise<{ rows: SampleRow[]; nextCursor: string | null }> {
    const { rows, nextCursor, visibleFields } = await this.pageRows(target, view, options, false, db);
    return { rows: rows.map((row) => decodeSampleRow(row, this.dialect, visibleFields)), nextCursor };
  }

  async pageJson(
    target: ViewTarget,
    view: View,
    options: { after?: string; limit: number },
    db?: Db,
  ): Promise<{ samples: string[]; nextCursor: string | null }> {
    const { rows, nextCursor, visibleFields } = await this.pageRows(target, view, options, true, db);
    return { samples: rows.map((row) => sampleRowJson(row, visibleFields)), nextCursor };
  }

  private async pageRows(
    target: ViewTarget,
    view: View,
    options: { after?: string; limit: number },
    asText: boolean,
    db?: Db,
  ): Promise<{
    rows: Record<string, unknown>[];
    nextCursor: string | null;
    visibleFields: ReadonlySet<string> | undefined;
  }> {
    const statement = this.pageStatement(target, view, { ...options, asText });
    const result = await this.budget.run(db, (conn) => statement.query.execute(conn));
    const rows = result.rows.slice(0, options.limit);
    const last = rows[rows.length - 1];
    const more = result.rows.length > options.limit;
    const position = last && rowPosition(last, statement.compiled.relation.keys, this.dialect);
    if (position && statement.returned !== undefined) position.returned = statement.returned + rows.length;
    const nextCursor = more && position ? encodeCursor(statement.fingerprint, position) : null;
    return { rows, nextCursor, visibleFields: statement.compiled.checked.visibleFields };
  }

  /**
   * The SQL of one page (exposed so tests can EXPLAIN it). When the view keeps insertion order and never cuts by
   * position, the cursor becomes `seq > n` on the base scan: the empty view's page is an index range.
   */
  pageStatement(
    target: ViewTarget,
    view: View,
    options: { after?: string; limit: number; asText?: boolean },
  ): PageStatement {
    if (!Number.isSafeInteger(options.limit) || options.limit < 1)
      throw badRequest('limit must be a positive integer', { field: 'limit' });
    const d = this.dialect;
    const checked = this.check(target, view);
    const fingerprint = viewFingerprint(target.datasetId, view);
    const window = seqWindow(checked);
    if (window) return this.windowStatement(target, window, fingerprint, options);
    let compiled = compileView(checked, target.datasetId, d);
    const position =
      options.after === undefined ? undefined : decodeCursor(options.after, fingerprint, compiled.relation.keys);
    let keyset: Sql[] = [];
    if (position && seqOrderedWithoutSlices(checked))
      compiled = compileView(checked, target.datasetId, d, { seqAfter: position.seq });
    else if (position) keyset = [afterPosition(compiled.relation.keys, position, d)];
    const relation = compiled.relation;
    // One row more than asked tells whether another page follows, so the last page says nextCursor: null.
    const query = sql<
      Record<string, unknown>
    >`select ${sql.join([...sampleColumns(d, options.asText === true), ...relation.keyColumns()])} from ${relation.source} ${relation.whereClause(keyset)} ${relation.orderClause(d)} limit ${d.param(options.limit + 1, 'int')}`;
    return { query, compiled, fingerprint };
  }

  /**
   * A page of a window (see seqWindow): the prefix's rows after the cursor's seq, at most what is left of the
   * window; the first page skips the window's offset. The cursor counts the rows returned so far.
   */
  private windowStatement(
    target: ViewTarget,
    window: SeqWindow,
    fingerprint: string,
    options: { after?: string; limit: number; asText?: boolean },
  ): PageStatement {
    const d = this.dialect;
    const position = options.after === undefined ? undefined : decodeCursor(options.after, fingerprint, [], true);
    const returned = position?.returned ?? 0;
    const compiled = compileView(window.prefix, target.datasetId, d, position ? { seqAfter: position.seq } : {});
    const left = window.limit === undefined ? Infinity : Math.max(0, window.limit - returned);
    // One row more than asked tells whether another page follows, unless the window ends within this page.
    const rows = Math.min(options.limit + 1, left);
    const relation = compiled.relation;
    const query = sql<
      Record<string, unknown>
    >`select ${sql.join(sampleColumns(d, options.asText === true))} from ${relation.source} ${relation.whereClause()} ${relation.orderClause(d)} ${d.slice(rows, position ? 0 : window.offset)}`;
    return { query, compiled, fingerprint, returned };
  }

  async count(target: ViewTarget, view: View, db?: Db): Promise<number> {
    const { relation } = this.compile(target, view);
    const query = sql<{ n: unknown }>`select count(*) as n from ${relation.source} ${relation.whereClause()}`;
    const result = await this.budget.run(db, (conn) => query.execute(conn));
    return Number(result.rows[0]?.n ?? 0);
  }

  async sampleIds(target: ViewTarget, view: View, db?: Db): Promise<string[]> {
    const { relation } = this.writable(this.compile(target, view));
    const query = sql<{
      id: string;
    }>`select s.id from ${relation.source} ${relation.whereClause()} ${relation.orderClause(this.dialect)}`;
    const result = await this.budget.run(db, (conn) => query.execute(conn));
    return result.rows.map((row) => row.id);
  }

  async values(
    target: ViewTarget,
    view: View,
    path: string,
    options: { unwind?: boolean } = {},
    db?: Db,
  ): Promise<unknown[]> {
    const compiled = this.compile(target, view);
    const resolution = resolveFieldPath(compiled.checked.schema, path);
    if (!resolution.ok) throw invalidInput('path', [{ path: 'path', message: resolution.problem }]);
    return this.budget.run(db, (conn) => viewValues(compiled, resolution.resolved, options.unwind === true, conn));
  }

  async aggregate(target: ViewTarget, view: View, aggregations: Aggregation[], db?: Db): Promise<AggregationResult[]> {
    const compiled = this.compile(target, view);
    const { planned, problems } = planAggregations(aggregations, compiled.checked.schema);
    if (problems.length > 0) throw invalidInput('aggregations', problems);
    return this.budget.run(db, async (conn) => {
      const results: AggregationResult[] = [];
      const memo = new AggregationMemo(await sharedSamples(compiled, aggregations, conn));
      for (const item of planned) results.push(await runAggregation(compiled, item, conn, memo));
      return results;
    });
  }

  async visibleLabels(target: ViewTarget, view: View, labelFields: string[], db?: Db): Promise<VisibleLabels[]> {
    const compiled = this.writable(this.compile(target, view));
    const { fields, problems } = resolveLabelFields(labelFields, compiled.checked.schema);
    if (problems.length > 0) throw invalidInput('label fields', problems);
    return this.budget.run(db, (conn) => visibleLabels(compiled, fields, conn));
  }

  async countSampleTags(target: ViewTarget, view: View, db?: Db): Promise<Record<string, number>> {
    const compiled = this.compile(target, view);
    return this.budget.run(db, (conn) => countSampleTags(compiled, conn));
  }

  async countLabelTags(
    target: ViewTarget,
    view: View,
    labelFields: string[],
    db?: Db,
  ): Promise<Record<string, number>> {
    const compiled = this.compile(target, view);
    const { fields, problems } = resolveLabelFields(labelFields, compiled.checked.schema);
    if (problems.length > 0) throw invalidInput('label fields', problems);
    return this.budget.run(db, (conn) => countLabelTags(compiled, fields, conn));
  }
}
