// Running a page statement so its samples come back as one UTF-8 buffer: built on the SQLite reader thread that read them, else here.
import type { CompiledQuery, RawBuilder } from 'kysely';
import { pageBytes, type PageBytes, type PageSpec } from '../views/page-bytes.js';
import type { Db } from './schema.js';

/**
 * Page statements by their compiled query. Kysely hands the compiled query to the driver's connection unchanged,
 * so the reader pool's connection finds the spec here and has its thread build the page (no rows cloned across).
 */
const specs = new WeakMap<CompiledQuery, PageSpec>();

export function pageSpecOf(compiled: CompiledQuery): PageSpec | undefined {
  return specs.get(compiled);
}

/** The one row a reader connection answers a page statement with: the page its thread built. */
export class BuiltPage {
  constructor(readonly page: PageBytes) {}
}

/** Runs the page statement on `db`; any connection but a reader thread's returns rows, assembled here alike. */
export async function runPageQuery(
  db: Db,
  query: RawBuilder<Record<string, unknown>>,
  spec: PageSpec,
): Promise<PageBytes> {
  const compiled = query.compile(db);
  specs.set(compiled, spec);
  const result = await db.executeQuery<Record<string, unknown> | BuiltPage>(compiled);
  const first = result.rows[0];
  if (first instanceof BuiltPage) return first.page;
  return pageBytes(result.rows as Record<string, unknown>[], spec);
}
