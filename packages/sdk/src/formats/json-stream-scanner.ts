// Reads a large JSON file a chunk at a time and hands over each element of chosen top-level arrays, parsed on its own.
import { open } from 'node:fs/promises';
import { InvalidInputError } from './invalid-input-error.js';
import { jsonPath } from './json-path.js';

export interface JsonScanHandlers {
  /** One element of a top-level array member listed in `arrays`. */
  element(key: string, index: number, value: unknown): void;
  /** Any other top-level member, parsed whole. */
  member?(key: string, value: unknown, line: number): void;
  /** Takes runs of object elements as text, to be parsed elsewhere (another thread). */
  runs?: JsonRunTaker;
}

/**
 * Takes runs of an array's object elements unparsed. A run is cut where a `}` is followed by `,` and `{`
 * (whitespace allowed), never past a `}` followed by `]`, and `count` is the number of such separators in it.
 * Both are right exactly when no element holds either pattern itself (in a nested list of objects, or in a
 * string), which is so for COCO's annotations. Whoever parses the run must check it: the text is not valid JSON
 * when the cut fell inside an element, and holds fewer than `count` elements when a separator was one inside an
 * element. Either way the scan went on from a wrong place, and the file must be read again without handing runs
 * over.
 */
export interface JsonRunTaker {
  /** Whether the next run of `key`'s elements is to be handed over (e.g. a worker is free to parse it). */
  wants(key: string): boolean;
  /** `count` elements of `key`, the first at index `first`, as the UTF-8 text `{…}, {…}` between them (a copy the taker owns). */
  take(key: string, first: number, count: number, text: Uint8Array): void;
}

export interface JsonScanOptions {
  /** Top-level members whose array elements are handed over one at a time. */
  arrays: ReadonlySet<string>;
  /** Name of the file in messages (e.g. `instances.json`). */
  label: string;
  /** Bytes read so far, of `total`. */
  progress?: (bytesRead: number, total: number) => void;
  /** Bytes per read (default 1 MiB). */
  chunkSize?: number;
}

/**
 * 1 MiB a read: the elements parsed from one chunk all live until it is handed over, and at 4 MiB they outgrew
 * V8's young generation, were promoted and cost full collections (reading a 1M-box COCO file took a third
 * more CPU than at 1 MiB; 256 KiB measured no better than 1 MiB).
 */
const DEFAULT_CHUNK_BYTES = 1024 * 1024;
const NEED_MORE = Symbol('need more input');
const enum State {
  BeforeRoot,
  RootFirst,
  Key,
  MemberValue,
  AfterMember,
  ArrayFirst,
  Element,
  AfterElement,
  AfterRoot,
  Done,
}

const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;
const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const NEWLINE = 0x0a;

function isWhitespace(c: number): boolean {
  return c === 0x20 || c === NEWLINE || c === 0x0d || c === 0x09;
}

/**
 * The file is never held whole: memory is one chunk plus the element being read. Each step of the
 * top-level grammar is atomic — it either completes and commits its position, or finds the buffer
 * exhausted and is retried once more bytes arrive — so an element split across two reads is simply
 * scanned again from its start.
 */
class Scanner {
  #buf: Buffer = Buffer.alloc(0);
  #pos = 0;
  #line = 1;
  #eof = false;
  #state = State.BeforeRoot;
  #key = '';
  #index = 0;
  #first = true;

  constructor(
    private readonly options: JsonScanOptions,
    private readonly handlers: JsonScanHandlers,
  ) {}

  feed(chunk: Buffer): void {
    const rest = this.#pos < this.#buf.length ? this.#buf.subarray(this.#pos) : Buffer.alloc(0);
    if (this.#first) {
      this.#first = false;
      // A UTF-8 byte order mark, as some Windows tools write.
      if (chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) chunk = chunk.subarray(3);
    }
    // A copy either way: the caller reuses its read buffer.
    this.#buf = rest.length === 0 ? Buffer.from(chunk) : Buffer.concat([rest, chunk]);
    this.#pos = 0;
    this.#run();
  }

  end(): void {
    this.#eof = true;
    this.#run();
    if (this.#state !== State.Done) this.#fail(this.#line, 'unexpected end of file');
  }

  #fail(line: number, message: string): never {
    throw new InvalidInputError([`${this.options.label}: line ${line}: ${message}`]);
  }

  #where(): string {
    switch (this.#state) {
      case State.Element:
      case State.AfterElement:
        return ` after ${jsonPath(this.#key, this.#index - (this.#state === State.AfterElement ? 1 : 0))}`;
      case State.AfterMember:
        return ` after ${jsonPath(this.#key)}`;
      default:
        return '';
    }
  }

  #found(at: number): string {
    if (at >= this.#buf.length) return 'the end of the file';
    const c = this.#buf[at] as number;
    return c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16)}`;
  }

  #run(): void {
    for (;;) {
      if (this.#state === State.Done) return;
      try {
        this.#step();
      } catch (error) {
        if (error === NEED_MORE) return;
        throw error;
      }
    }
  }

  /** Skips whitespace from `at`, counting lines; returns the next position and line. NEED_MORE at the buffer's end unless at EOF. */
  #skip(at: number, line: number): [number, number] {
    const buf = this.#buf;
    while (at < buf.length) {
      const c = buf[at] as number;
      if (!isWhitespace(c)) return [at, line];
      if (c === NEWLINE) line++;
      at++;
    }
    if (this.#eof) return [at, line];
    throw NEED_MORE;
  }

  /** The end (exclusive) of the JSON value starting at `at`, and the lines it spans. */
  #valueEnd(at: number, line: number): [number, number] {
    const buf = this.#buf;
    const first = buf[at] as number;
    let i = at;
    if (first === OPEN_BRACE || first === OPEN_BRACKET) {
      let depth = 0;
      let inString = false;
      for (; i < buf.length; i++) {
        const c = buf[i] as number;
        if (inString) {
          if (c === BACKSLASH) i++;
          else if (c === QUOTE) inString = false;
        } else if (c === QUOTE) inString = true;
        else if (c === OPEN_BRACE || c === OPEN_BRACKET) depth++;
        else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
          if (--depth === 0) return [i + 1, line];
        } else if (c === NEWLINE) line++;
      }
    } else if (first === QUOTE) {
      for (i = at + 1; i < buf.length; i++) {
        const c = buf[i] as number;
        if (c === BACKSLASH) i++;
        else if (c === QUOTE) return [i + 1, line];
      }
    } else {
      for (; i < buf.length; i++) {
        const c = buf[i] as number;
        if (c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || isWhitespace(c)) return [i, line];
      }
      if (this.#eof) return [i, line];
    }
    if (this.#eof)
      this.#fail(
        line,
        `unexpected end of file inside ${jsonPath(this.#key, ...(this.#state === State.Element ? [this.#index] : []))}`,
      );
    throw NEED_MORE;
  }

  #parse(start: number, end: number, line: number, path: string): unknown {
    try {
      return JSON.parse(this.#buf.toString('utf8', start, end));
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      this.#fail(line, `${path} is not valid JSON (${why})`);
    }
  }

  #commit(pos: number, line: number, state: State): void {
    this.#pos = pos;
    this.#line = line;
    this.#state = state;
  }

  /**
   * A run of array elements: every element complete in the buffer is found, then all are parsed with one
   * JSON.parse (far cheaper than one call each) and handed over. The run stops at the array's end or at an
   * element cut off by the chunk's end, which is scanned again from its start once more bytes arrive.
   */
  #elements(at: number, line: number, c: number): void {
    if (c === -1) this.#fail(line, `unexpected end of file in ${jsonPath(this.#key)}`);
    if (c === OPEN_BRACE && this.#objectRun(at, line)) return;
    const buf = this.#buf;
    const run: Array<[start: number, end: number, line: number]> = [];
    let resume: [number, number, State] = [at, line, State.Element];
    try {
      let pos = at;
      let ln = line;
      for (;;) {
        const [end, endLine] = this.#valueEnd(pos, ln);
        run.push([pos, end, ln]);
        resume = [end, endLine, State.AfterElement];
        const [sepAt, sepLine] = this.#skip(end, endLine);
        const sep = buf[sepAt];
        if (sep === CLOSE_BRACKET) {
          resume = [sepAt + 1, sepLine, State.AfterMember];
          break;
        }
        if (sep !== COMMA) {
          this.#index += run.length;
          this.#state = State.AfterElement;
          this.#fail(sepLine, `expected ',' or ']'${this.#where()}, found ${this.#found(sepAt)}`);
        }
        [pos, ln] = this.#skip(sepAt + 1, sepLine);
        resume = [pos, ln, State.Element];
        if (pos >= buf.length) this.#fail(ln, `unexpected end of file in ${jsonPath(this.#key)}`);
      }
    } catch (error) {
      if (error !== NEED_MORE || run.length === 0) throw error;
    }
    const values = this.#parseRun(run);
    const first = this.#index;
    this.#index += run.length;
    this.#commit(...resume);
    for (let i = 0; i < run.length; i++) this.handlers.element(this.#key, first + i, values[i]);
  }

  /**
   * The fast path for arrays of objects (COCO's annotations, FiftyOne's samples): cut the buffer after its last
   * `}` followed by a comma and parse everything before the cut as one array, without finding each element's
   * end byte by byte. A cut that is not between two elements — inside a string, inside a nested object, or
   * past the end of the array — always leaves the text unbalanced, so JSON.parse refuses it and the caller
   * takes the exact path. False when there was nothing to cut or the parse failed.
   */
  #objectRun(at: number, line: number): boolean {
    const buf = this.#buf;
    if (this.handlers.runs?.wants(this.#key)) {
      const [cut, count] = this.#separatedRun(at);
      if (count > 0) {
        const first = this.#index;
        this.#index += count;
        this.#commit(cut, this.#linesTo(at, cut, line), State.AfterElement);
        this.handlers.runs.take(this.#key, first, count, new Uint8Array(buf.subarray(at, cut)));
        return true;
      }
    }
    let brace = buf.lastIndexOf(CLOSE_BRACE);
    let cut = -1;
    while (brace > at) {
      let next = brace + 1;
      while (next < buf.length && isWhitespace(buf[next] as number)) next++;
      if (buf[next] === COMMA) {
        cut = brace + 1;
        break;
      }
      brace = buf.lastIndexOf(CLOSE_BRACE, brace - 1);
    }
    if (cut < 0) return false;
    let values: unknown[];
    try {
      values = JSON.parse(`[${buf.toString('utf8', at, cut)}]`) as unknown[];
    } catch {
      return false;
    }
    const first = this.#index;
    this.#index += values.length;
    this.#commit(cut, this.#linesTo(at, cut, line), State.AfterElement);
    for (let i = 0; i < values.length; i++) this.handlers.element(this.#key, first + i, values[i]);
    return true;
  }

  /** The line at `to`, given the line at `from`. */
  #linesTo(from: number, to: number, line: number): number {
    const buf = this.#buf;
    for (let i = buf.indexOf(NEWLINE, from); i !== -1 && i < to; i = buf.indexOf(NEWLINE, i + 1)) line++;
    return line;
  }

  /**
   * For JsonRunTaker: the end of the last `}` followed by `,` and `{`, and how many such there are from `at`, up to
   * the first `}` followed by `]` — where an array of objects ends: this one (whatever follows it must not be
   * cut), or one nested in an element (which the taker will find anyway).
   */
  #separatedRun(at: number): [cut: number, count: number] {
    const buf = this.#buf;
    let cut = at;
    let count = 0;
    for (let brace = buf.indexOf(CLOSE_BRACE, at); brace !== -1; brace = buf.indexOf(CLOSE_BRACE, brace + 1)) {
      let next = brace + 1;
      while (next < buf.length && isWhitespace(buf[next] as number)) next++;
      if (next === buf.length || buf[next] === CLOSE_BRACKET) break;
      if (buf[next] !== COMMA) continue;
      next++;
      while (next < buf.length && isWhitespace(buf[next] as number)) next++;
      if (buf[next] !== OPEN_BRACE) continue;
      cut = brace + 1;
      count++;
    }
    return [cut, count];
  }

  /** The values of a run of elements; on a syntax error, each is parsed alone to name the one at fault. */
  #parseRun(run: ReadonlyArray<[number, number, number]>): unknown[] {
    const start = (run[0] as [number, number, number])[0];
    const end = (run[run.length - 1] as [number, number, number])[1];
    try {
      return JSON.parse(`[${this.#buf.toString('utf8', start, end)}]`) as unknown[];
    } catch {
      return run.map(([s, e, ln], i) => this.#parse(s, e, ln, jsonPath(this.#key, this.#index + i)));
    }
  }

  #step(): void {
    const buf = this.#buf;
    const [at, line] = this.#skip(this.#pos, this.#line);
    const c = at < buf.length ? (buf[at] as number) : -1;
    switch (this.#state) {
      case State.BeforeRoot:
        if (c !== OPEN_BRACE) this.#fail(line, `expected a JSON object ('{'), found ${this.#found(at)}`);
        return this.#commit(at + 1, line, State.RootFirst);
      case State.RootFirst:
        if (c === CLOSE_BRACE) return this.#commit(at + 1, line, State.AfterRoot);
        return this.#commit(at, line, State.Key);
      case State.Key: {
        if (c !== QUOTE) this.#fail(line, `expected a member name in double quotes, found ${this.#found(at)}`);
        const [keyEnd] = this.#valueEnd(at, line);
        const key = this.#parse(at, keyEnd, line, 'a member name') as string;
        const [colonAt, colonLine] = this.#skip(keyEnd, line);
        if (buf[colonAt] !== COLON)
          this.#fail(colonLine, `expected ':' after ${JSON.stringify(key)}, found ${this.#found(colonAt)}`);
        const [valueAt, valueLine] = this.#skip(colonAt + 1, colonLine);
        if (valueAt >= buf.length) this.#fail(valueLine, `unexpected end of file after ${JSON.stringify(key)}:`);
        this.#key = key;
        if (this.options.arrays.has(key) && buf[valueAt] === OPEN_BRACKET) {
          this.#index = 0;
          return this.#commit(valueAt + 1, valueLine, State.ArrayFirst);
        }
        return this.#commit(valueAt, valueLine, State.MemberValue);
      }
      case State.MemberValue: {
        if (c === -1) this.#fail(line, `unexpected end of file after ${JSON.stringify(this.#key)}:`);
        const [end, endLine] = this.#valueEnd(at, line);
        // Members nobody asked for are scanned past but not parsed.
        if (this.handlers.member)
          this.handlers.member(this.#key, this.#parse(at, end, line, jsonPath(this.#key)), line);
        return this.#commit(end, endLine, State.AfterMember);
      }
      case State.AfterMember:
        if (c === COMMA) return this.#commit(at + 1, line, State.Key);
        if (c === CLOSE_BRACE) return this.#commit(at + 1, line, State.AfterRoot);
        return this.#fail(line, `expected ',' or '}'${this.#where()}, found ${this.#found(at)}`);
      case State.ArrayFirst:
        if (c === CLOSE_BRACKET) return this.#commit(at + 1, line, State.AfterMember);
        return this.#commit(at, line, State.Element);
      case State.Element:
        return this.#elements(at, line, c);
      case State.AfterElement:
        if (c === COMMA) return this.#commit(at + 1, line, State.Element);
        if (c === CLOSE_BRACKET) return this.#commit(at + 1, line, State.AfterMember);
        return this.#fail(line, `expected ',' or ']'${this.#where()}, found ${this.#found(at)}`);
      case State.AfterRoot:
        if (c !== -1) this.#fail(line, `unexpected ${this.#found(at)} after the end of the top-level object`);
        if (!this.#eof) throw NEED_MORE;
        return this.#commit(at, line, State.Done);
      case State.Done:
        return;
    }
  }
}

export type JsonScanEvent =
  | { kind: 'element'; key: string; index: number; value: unknown }
  | { kind: 'member'; key: string; value: unknown; line: number }
  | { kind: 'run'; key: string; first: number; count: number; text: Uint8Array };

/**
 * The elements (and other top-level members) of `path`, in file order, parsed, one array per chunk read (a
 * few MiB of input), so a consumer pays one await per chunk rather than per element. Throws
 * InvalidInputError naming the file and line on bad JSON.
 */
export async function* scanJson(
  path: string,
  options: JsonScanOptions & { members?: boolean; runs?: Pick<JsonRunTaker, 'wants'> },
): AsyncGenerator<JsonScanEvent[]> {
  let pending: JsonScanEvent[] = [];
  const { runs } = options;
  const scanner = new Scanner(options, {
    element: (key, index, value) => pending.push({ kind: 'element', key, index, value }),
    ...(options.members
      ? { member: (key: string, value: unknown, line: number) => pending.push({ kind: 'member', key, value, line }) }
      : {}),
    ...(runs
      ? {
          runs: {
            wants: (key: string) => runs.wants(key),
            take: (key: string, first: number, count: number, text: Uint8Array) =>
              pending.push({ kind: 'run', key, first, count, text }),
          },
        }
      : {}),
  });
  const take = (): JsonScanEvent[] => {
    const events = pending;
    pending = [];
    return events;
  };
  const file = await open(path, 'r');
  try {
    const { size } = await file.stat();
    const chunk = Buffer.allocUnsafe(options.chunkSize ?? DEFAULT_CHUNK_BYTES);
    let read = 0;
    for (;;) {
      const { bytesRead } = await file.read(chunk, 0, chunk.length, null);
      if (bytesRead === 0) break;
      read += bytesRead;
      try {
        scanner.feed(chunk.subarray(0, bytesRead));
      } catch (error) {
        // What came before the error is handed over first: a run taker may find in it that the scan had lost its way.
        if (pending.length > 0) yield take();
        throw error;
      }
      if (pending.length > 0) yield take();
      options.progress?.(read, size);
    }
    try {
      scanner.end();
    } finally {
      if (pending.length > 0) yield take();
    }
  } finally {
    await file.close();
  }
}

/** scanJson with callbacks: the handlers run in file order. `stop` is asked after each read: true ends the scan early. */
export async function scanJsonFile(
  path: string,
  options: JsonScanOptions & { stop?: () => boolean },
  handlers: JsonScanHandlers,
): Promise<void> {
  const { runs } = handlers;
  for await (const events of scanJson(path, {
    ...options,
    members: handlers.member !== undefined,
    ...(runs ? { runs } : {}),
  })) {
    for (const event of events) {
      if (event.kind === 'element') handlers.element(event.key, event.index, event.value);
      else if (event.kind === 'member') handlers.member?.(event.key, event.value, event.line);
      else runs?.take(event.key, event.first, event.count, event.text);
    }
    if (options.stop?.()) return;
  }
}
