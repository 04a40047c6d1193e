// One regex, one meaning: a table of patterns × strings answered identically by re2js on SQLite and `~` on PostgreSQL.
import { parseViewRegex } from '@teamset/contract';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDialects } from '../test-support/test-databases.js';
import { openViewTestDatabase, type ViewTestDatabase } from '../test-support/view-fixtures.js';
import { PostgresSql } from './postgres-sql.js';
import type { SqlDialect } from './sql-dialect.js';
import { sqliteQueryState } from './sqlite-functions.js';
import { SqliteSql } from './sqlite-sql.js';

const STRINGS = [
  /* 0 */ '',
  /* 1 */ 'abc',
  /* 2 */ 'ABC',
  /* 3 */ 'a\nb',
  /* 4 */ 'line1\nline2',
  /* 5 */ 'café',
  /* 6 */ 'CAFÉ',
  /* 7 */ 'x_9 y',
  /* 8 */ '😀',
  /* 9 */ 'straße',
  /* 10 */ 'Ünïcödé',
  /* 11 */ '٣', // ARABIC-INDIC DIGIT THREE: not \d
  /* 12 */ ' \t',
  /* 13 */ '\u212a', // KELVIN SIGN: a case variant of k
  /* 14 */ 'price: $5.00',
];
const ALL = STRINGS.map((_, i) => i);

/** [pattern, ignore_case, the indexes of STRINGS it matches]. */
const TABLE: Array<[string, boolean, number[]]> = [
  ['', false, ALL],
  ['^$', false, [0]],
  ['a.c', false, [1]],
  ['a.b', false, []], // `.` never matches a newline
  ['a[^x]b', false, [3]], // a negated class does
  ['\\n', false, [3, 4]],
  ['^line1', false, [4]],
  ['^line2', false, []], // ^ and $ are the text's ends, not a line's
  ['line1$', false, []],
  ['line2$', false, [4]],
  ['^(a|b|\\n)+$', false, [3]],
  ['\\d', false, [4, 7, 14]],
  ['\\w+', false, [1, 2, 3, 4, 5, 6, 7, 9, 10, 14]],
  ['^\\w+$', false, [1, 2]],
  ['\\s', false, [3, 4, 7, 12, 14]],
  ['^\\S+$', false, [1, 2, 5, 6, 8, 9, 10, 11, 13]],
  ['[\\d\\s]', false, [3, 4, 7, 12, 14]],
  ['^.$', false, [8, 11, 13]], // one character, even outside the BMP
  ['^..$', false, [12]],
  ['[^\\x00-\\x7f]', false, [5, 6, 8, 9, 10, 11, 13]],
  ['\\$\\d+\\.\\d{2}$', false, [14]],
  ['[.]', false, [14]],
  ['cat|dog|^$', false, [0]],
  ['(ab|AB)c', false, [1]],
  ['(ab|AB)c', true, [1, 2]],
  ['abc', true, [1, 2]],
  ['[a-c]{3}', true, [1, 2]],
  ['caf[eé]', false, [5]],
  ['café', true, [5, 6]],
  ['CAFÉ', false, [6]],
  ['ünïcödé', true, [10]],
  ['STRASSE', true, []],
  ['\u1e9e', true, [9]], // capital sharp s
  ['k', true, [13]],
  ['\\W', true, [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]], // shorthands ignore ignore_case
  ['[^a-z]', false, [2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14]],
  ['[^a-z]', true, [3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 14]],
  ['(\\w+\\s?)*$', false, ALL],
  ['.*.*.*.*.*.*x', false, [7]],
  ['a{2}', false, []],
  ['^(?:a|)$', false, [0]],
  ['😀+', false, [8]],
];

describe.each(await testDialects())('view regexes on %s', (dialect) => {
  let tdb: ViewTestDatabase;
  let d: SqlDialect;
  beforeAll(async () => {
    tdb = await openViewTestDatabase(dialect);
    d = dialect === 'postgres' ? new PostgresSql() : new SqliteSql();
    if (tdb.database.sqlite) sqliteQueryState(tdb.database.sqlite);
  });
  afterAll(async () => {
    await tdb?.close();
  });

  async function matching(pattern: string, ignoreCase: boolean): Promise<number[]> {
    const regex = parseViewRegex(pattern);
    const found: number[] = [];
    for (const [i, text] of STRINGS.entries()) {
      const test = d.regexMatch(d.param(text, 'string'), regex, ignoreCase);
      const { rows } = await sql<{ m: number }>`select case when ${test} then 1 else 0 end as m`.execute(
        tdb.database.db,
      );
      if (Number(rows[0]?.m) === 1) found.push(i);
    }
    return found;
  }

  it.each(TABLE)('%j (ignore_case %s) matches the strings %j', async (pattern, ignoreCase, expected) => {
    expect(await matching(pattern, ignoreCase)).toEqual(expected);
  });
});
