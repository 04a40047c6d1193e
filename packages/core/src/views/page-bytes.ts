// A page of samples as one UTF-8 buffer of JSON texts, assembled where the rows are read (a reader thread or the main thread).

/** What a page read needs besides its SQL: how many rows make the page, and the custom fields a narrowed view shows. */
export interface PageSpec {
  limit: number;
  /** select_fields / exclude_fields: the custom fields shown; undefined: all of them. */
  visibleFields: readonly string[] | undefined;
}

/** The page: its samples' JSON texts joined by commas, their number, whether a row follows, and the last row's cursor columns. */
export interface PageBytes {
  /** UTF-8; a standalone ArrayBuffer of exactly this length, so a thread can transfer it. */
  bytes: Uint8Array;
  count: number;
  more: boolean;
  /** `seq` and the order keys (`_k0…`) of the page's last row; undefined for an empty page. */
  last: Record<string, unknown> | undefined;
}

/** The select list's names (sample-rows' sampleJsonColumns): the whole sample, or its built-ins and fields apart. */
export const SAMPLE_COLUMN = 'sample';
export const SAMPLE_HEAD_COLUMN = 'sample_head';
export const SAMPLE_FIELDS_COLUMN = 'sample_fields';

const COMMA = 0x2c;

function text(value: unknown): string {
  return typeof value === 'string' ? value : Buffer.from(value as Uint8Array).toString('utf8');
}

/** A narrowed view's sample: its built-ins (an object's text without the closing brace), then the shown fields. */
function narrowedSample(row: Record<string, unknown>, visible: ReadonlySet<string>): string {
  const fields = row[SAMPLE_FIELDS_COLUMN];
  const all = (fields === null || fields === undefined ? {} : JSON.parse(text(fields))) as Record<string, unknown>;
  const shown = JSON.stringify(Object.fromEntries(Object.entries(all).filter(([name]) => visible.has(name))));
  const members = shown.slice(1, -1);
  return text(row[SAMPLE_HEAD_COLUMN]) + (members === '' ? '}' : `,${members}}`);
}

function cursorColumns(row: Record<string, unknown>): Record<string, unknown> {
  const columns: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(row)) if (name === 'seq' || name.startsWith('_k')) columns[name] = value;
  return columns;
}

/** `bytes` in an ArrayBuffer of its own (Buffer.from(string) may hand out a slice of a shared pool). */
function standalone(bytes: Uint8Array): Uint8Array {
  if (bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.byteLength) return bytes;
  const copy = Buffer.allocUnsafeSlow(bytes.byteLength);
  copy.set(bytes);
  return copy;
}

/**
 * The page from the rows of a page statement (up to limit + 1 rows). Samples selected whole (SQLite: UTF-8 blobs)
 * are copied into one buffer; as text (PostgreSQL, or a narrowed view) they are joined and encoded once.
 */
export function pageBytes(rows: readonly Record<string, unknown>[], spec: PageSpec): PageBytes {
  const count = Math.min(rows.length, spec.limit);
  const last = count > 0 ? cursorColumns(rows[count - 1] as Record<string, unknown>) : undefined;
  const more = rows.length > spec.limit;
  const visible = spec.visibleFields && new Set(spec.visibleFields);
  const pieces: (Uint8Array | string)[] = [];
  let blobsOnly = true;
  for (let i = 0; i < count; i++) {
    const row = rows[i] as Record<string, unknown>;
    const whole = row[SAMPLE_COLUMN];
    const piece = visible ? narrowedSample(row, visible) : whole instanceof Uint8Array ? whole : text(whole);
    if (typeof piece === 'string') blobsOnly = false;
    pieces.push(piece);
  }
  if (!blobsOnly) {
    const joined = pieces.map((piece) => (typeof piece === 'string' ? piece : text(piece))).join(',');
    return { bytes: standalone(Buffer.from(joined)), count, more, last };
  }
  const blobs = pieces as Uint8Array[];
  let total = Math.max(0, count - 1);
  for (const blob of blobs) total += blob.byteLength;
  const bytes = Buffer.allocUnsafeSlow(total);
  let at = 0;
  blobs.forEach((blob, i) => {
    if (i > 0) bytes[at++] = COMMA;
    bytes.set(blob, at);
    at += blob.byteLength;
  });
  return { bytes, count, more, last };
}
