// Where command results go: JSON or tables on stdout, notes and warnings on stderr (so stdout stays pipeable).
import Table from 'cli-table3';

export interface Column<T> {
  header: string;
  value: (row: T) => string;
}

export class Output {
  constructor(
    readonly json: boolean,
    private readonly stdout: NodeJS.WritableStream = process.stdout,
    private readonly stderr: NodeJS.WritableStream = process.stderr,
  ) {}

  /** In --json mode, the one JSON document a command prints. */
  writeJson(value: unknown): void {
    this.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
  }

  line(text: string): void {
    this.stdout.write(`${text}\n`);
  }

  /** The outcome of a command with nothing to list: a JSON document for scripts, a sentence for people. */
  result(json: unknown, text: string): void {
    if (this.json) this.writeJson(json);
    else this.line(text);
  }

  /** Messages for the person at the terminal, never part of the machine-readable result. */
  note(text: string): void {
    this.stderr.write(`${text}\n`);
  }

  table<T>(rows: readonly T[], columns: readonly Column<T>[]): void {
    // No colours: output is often piped or logged, and escape codes would corrupt it.
    const table = new Table({ head: columns.map((c) => c.header), style: { head: [], border: [] } });
    for (const row of rows) table.push(columns.map((c) => c.value(row)));
    this.line(table.toString());
  }

  /** One page of a paged listing: the whole page object as JSON, or a table and a "Page x of y" footer. */
  page<T>(
    page: { total: number; page: number; pageSize: number },
    rows: readonly T[],
    columns: readonly Column<T>[],
    noun: string,
  ): void {
    if (this.json) return this.writeJson(page);
    this.table(rows, columns);
    const pages = Math.max(1, Math.ceil(page.total / page.pageSize));
    this.line(`Page ${page.page} of ${pages} · ${page.total} ${noun}${page.total === 1 ? '' : 's'}`);
  }

  /** A single record as two columns, field and value. */
  record(entries: ReadonlyArray<readonly [string, string]>): void {
    const table = new Table({ style: { head: [], border: [] } });
    for (const [name, value] of entries) table.push({ [name]: value });
    this.line(table.toString());
  }
}
