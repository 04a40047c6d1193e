// Sample tag index conditions the view compiler can use (table `sample_tags`, migration 0007).
import { sql } from 'kysely';
import type { Sql, SqlDialect } from './sql-dialect.js';

/**
 * match_tags as a semi-join on the sample tag index: the samples carrying any (or all) of the tags, found from the
 * tag's index range instead of every sample's JSON tags.
 */
export function indexedTagMatch(
  d: SqlDialect,
  datasetId: string,
  tags: readonly string[],
  all: boolean,
  bool: boolean,
  probed = false,
): Sql {
  // No tag at all: FiftyOne's all=True over [] keeps every sample, any over [] none.
  if (tags.length === 0) return d.bool(all === bool);
  const member = d.inList(sql.ref('g.tag'), tags, 'string');
  const having = all
    ? sql` group by g.sample_seq having count(distinct g.tag) = ${d.param(new Set(tags).size, 'int')}`
    : sql``;
  const seqs = sql`(select g.sample_seq from sample_tags as g where g.dataset_id = ${datasetId} and ${member}${having})`;
  // SQLite: `probed` writes `+s.seq`, so another seq list (a filter_labels semi-join) drives the seq lookup (see
  // sampleSetView).
  if (probed && d.name === 'sqlite') return bool ? sql`+s.seq in ${seqs}` : sql`+s.seq not in ${seqs}`;
  return bool ? sql`s.seq in ${seqs}` : sql`s.seq not in ${seqs}`;
}
