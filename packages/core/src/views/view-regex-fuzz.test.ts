// Random patterns of the accepted syntax over random strings: SQLite (re2js) and PostgreSQL give the same answers.
import { parseViewRegex, regexProblem } from '@teamset/contract';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresAvailable } from '../test-support/test-databases.js';
import { openViewTestDatabase, type ViewTestDatabase } from '../test-support/view-fixtures.js';
import { PostgresSql } from './postgres-sql.js';
import type { SqlDialect } from './sql-dialect.js';
import { sqliteQueryState } from './sqlite-functions.js';
import { SqliteSql } from './sqlite-sql.js';

/** Characters where the engines' defaults differ: case pairs outside ASCII, newline, a space, a digit, punctuation. */
const TEXT_CHARS = ['a', 'b', 'A', 'é', 'É', '1', ' ', '\n', '.', 'ß', '\u212a', 'k', '😀'];
const ATOMS = [
  'a',
  'b',
  'A',
  'é',
  'É',
  'k',
  '1',
  ' ',
  '\\n',
  '.',
  '\\.',
  '\\d',
  '\\w',
  '\\s',
  '\\W',
  '\\S',
  '[ab]',
  '[^a]',
  '[a-z]',
  '[A-Zé]',
  '[^\\s1]',
  '[\\d.]',
  '^',
  '$',
  '😀',
];
const QUANTIFIERS = ['', '', '', '*', '+', '?', '{2}', '{0,2}', '{1,}', '*?'];

const { pattern } = fc.letrec<{ pattern: string; alternation: string; concat: string; atom: string }>((tie) => ({
  atom: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    fc.constantFrom(...ATOMS),
    fc.tuple(fc.constantFrom('(', '(?:'), tie('alternation')).map(([open, inner]) => `${open}${inner})`),
  ),
  concat: fc
    .array(
      fc.tuple(tie('atom'), fc.constantFrom(...QUANTIFIERS)).map(([atom, q]) => atom + q),
      { maxLength: 4 },
    )
    .map((parts) => parts.join('')),
  alternation: fc.array(tie('concat'), { minLength: 1, maxLength: 3 }).map((parts) => parts.join('|')),
  pattern: tie('alternation'),
}));
const accepted = pattern.filter((p) => regexProblem(p, 200) === undefined);
const texts = fc.array(
  fc.array(fc.constantFrom(...TEXT_CHARS), { maxLength: 8 }).map((chars) => chars.join('')),
  { minLength: 1, maxLength: 6 },
);

describe.runIf(await postgresAvailable())('random view regexes on SQLite and PostgreSQL', () => {
  const engines: Array<{ tdb: ViewTestDatabase; d: SqlDialect }> = [];
  beforeAll(async () => {
    const sqlite = await openViewTestDatabase('sqlite');
    if (sqlite.database.sqlite) sqliteQueryState(sqlite.database.sqlite);
    engines.push(
      { tdb: sqlite, d: new SqliteSql() },
      { tdb: await openViewTestDatabase('postgres'), d: new PostgresSql() },
    );
  });
  afterAll(async () => {
    for (const { tdb } of engines) await tdb.close();
  });

  async function answers(
    engine: { tdb: ViewTestDatabase; d: SqlDialect },
    source: string,
    ignoreCase: boolean,
    strings: string[],
  ): Promise<boolean[]> {
    const regex = parseViewRegex(source);
    const tests = strings.map(
      (text) =>
        sql`case when ${engine.d.regexMatch(engine.d.param(text, 'string'), regex, ignoreCase)} then 1 else 0 end`,
    );
    const { rows } = await sql<
      Record<string, number>
    >`select ${sql.join(tests.map((t, i) => sql`${t} as ${sql.ref(`m${i}`)}`))}`.execute(engine.tdb.database.db);
    return strings.map((_, i) => Number(rows[0]?.[`m${i}`]) === 1);
  }

  it('agree on every accepted pattern', async () => {
    await fc.assert(
      fc.asyncProperty(accepted, fc.boolean(), texts, async (source, ignoreCase, strings) => {
        const [onSqlite, onPostgres] = await Promise.all(
          engines.map((engine) => answers(engine, source, ignoreCase, strings)),
        );
        expect(onPostgres).toEqual(onSqlite);
      }),
      { numRuns: 300 },
    );
  });
});
