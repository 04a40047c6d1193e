// The number of samples of a dataset, from its counter (migration 0013) rather than a count of its rows.
import { sql } from 'kysely';
import type { Sql } from './sql-dialect.js';

/** `select … as n`: the dataset's sample count (no counter row: no samples). */
export function datasetSampleCount(datasetId: string): Sql {
  return sql`select coalesce((select c.n from dataset_sample_counts as c where c.dataset_id = ${datasetId}), 0) as n`;
}
