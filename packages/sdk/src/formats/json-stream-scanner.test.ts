// The streaming JSON scanner: elements across chunk boundaries, members, and errors that name file, line and place.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { InvalidInputError } from './invalid-input-error.js';
import { scanJsonFile } from './json-stream-scanner.js';

const dir = mkdtempSync(join(tmpdir(), 'teamset-scan-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

async function scan(text: string | Buffer, chunkSize = 7) {
  const path = join(dir, `f${files++}.json`);
  writeFileSync(path, text);
  const elements: Array<[string, number, unknown]> = [];
  const members: Array<[string, unknown]> = [];
  await scanJsonFile(
    path,
    { arrays: new Set(['items', 'more']), label: 'test.json', chunkSize },
    {
      element: (key, index, value) => elements.push([key, index, value]),
      member: (key, value) => members.push([key, value]),
    },
  );
  return { elements, members };
}

async function scanError(text: string, chunkSize?: number): Promise<string> {
  try {
    await scan(text, chunkSize);
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidInputError);
    return (error as Error).message;
  }
  throw new Error('expected the scan to fail');
}

describe('scanJsonFile', () => {
  it('hands over each array element parsed, whatever the chunk size', async () => {
    const doc = {
      info: { note: 'braces } and ] and "quotes" in strings', nested: [[1], { a: '\\' }] },
      items: [{ id: 1, s: 'x]}' }, 'plain', 3.5e-7, null, true, [1, [2, [3]]], { u: 'straße 猫 \u00e9' }],
      more: [],
      tail: 42,
    };
    const text = JSON.stringify(doc, null, 2);
    for (const chunkSize of [1, 3, 7, 64, 1 << 20]) {
      const { elements, members } = await scan(text, chunkSize);
      expect(elements).toEqual(doc.items.map((item, i) => ['items', i, item]));
      expect(members).toEqual([
        ['info', doc.info],
        ['tail', 42],
      ]);
    }
  });

  it('parses runs of objects at once without being fooled by "},", nested objects or the array\'s end', async () => {
    const items = Array.from({ length: 300 }, (_, i) => ({
      i,
      tricky: i % 3 === 0 ? '}, {"fake": 1}, ' : `a\\"},${i}`,
      nested: [{ a: { b: [1, 2] } }, { c: '},' }],
    }));
    const doc = { items, more: [{ x: '}, ' }, { y: 2 }], after: { z: [{ w: 1 }, { w: 2 }] } };
    for (const text of [JSON.stringify(doc), JSON.stringify(doc, null, 1)]) {
      for (const chunkSize of [5, 100, 4096, 1 << 20]) {
        const { elements, members } = await scan(text, chunkSize);
        expect(elements).toEqual([
          ...items.map((item, i) => ['items', i, item]),
          ['more', 0, doc.more[0]],
          ['more', 1, doc.more[1]],
        ]);
        expect(members).toEqual([['after', doc.after]]);
      }
    }
  });

  it('counts lines through runs parsed at once, so a later error names the right line', async () => {
    const lines = ['{', '"items": ['];
    for (let i = 0; i < 500; i++) lines.push(`  {"i": ${i}, "s": "},"},`);
    lines.push('  {"i": 500, "s": oops}', ']}');
    const message = await scanError(lines.join('\n'), 1 << 20);
    expect(message).toMatch(/^test\.json: line 503: items\[500\] is not valid JSON \(/);
    expect(await scanError(lines.join('\n'), 64)).toBe(message);
  });

  it('hands runs of objects to a run taker unparsed, counted by their "}, {" separators, in order with the rest', async () => {
    const items = Array.from({ length: 200 }, (_, i) => ({ i, s: `straße ${i}`, box: [i, i + 0.5] }));
    const doc = { items, more: [{ m: 1 }, { m: 2 }], after: 1 };
    for (const text of [JSON.stringify(doc), JSON.stringify(doc, null, 2)]) {
      for (const chunkSize of [64, 1000, 1 << 20]) {
        const path = join(dir, `f${files++}.json`);
        writeFileSync(path, text);
        const events: unknown[] = [];
        let wanted = 0;
        await scanJsonFile(
          path,
          { arrays: new Set(['items', 'more']), label: 'test.json', chunkSize },
          {
            element: (key, index, value) => events.push([key, index, value]),
            member: (key, value) => events.push([key, value]),
            runs: {
              // Every other run, as a busy worker would.
              wants: (key) => key === 'items' && wanted++ % 2 === 0,
              take: (key, first, count, text) => {
                const values = JSON.parse(`[${Buffer.from(text).toString('utf8')}]`) as unknown[];
                expect(values).toHaveLength(count);
                values.forEach((value, i) => events.push([key, first + i, value]));
              },
            },
          },
        );
        expect(events).toEqual([
          ...items.map((item, i) => ['items', i, item]),
          ['more', 0, { m: 1 }],
          ['more', 1, { m: 2 }],
          ['after', 1],
        ]);
        if (chunkSize < text.length) expect(wanted).toBeGreaterThan(1);
      }
    }
  });

  it('counts a "}, {" inside an element as a separator: the taker finds fewer elements than counted', async () => {
    const items = [{ s: 'x}, {y' }, { c: 3 }, { d: 4 }];
    const path = join(dir, `f${files++}.json`);
    writeFileSync(path, JSON.stringify({ items }));
    const runs: Array<[number, number, number]> = [];
    await scanJsonFile(
      path,
      { arrays: new Set(['items']), label: 'test.json' },
      {
        element: () => undefined,
        runs: {
          wants: () => true,
          take: (_key, first, count, text) =>
            runs.push([first, count, (JSON.parse(`[${Buffer.from(text).toString('utf8')}]`) as unknown[]).length]),
        },
      },
    );
    // Separators: inside items[0]'s string, between 0 and 1, between 1 and 2 (the run ends there).
    expect(runs).toEqual([[0, 3, 2]]);
  });

  it('reads minified files, a byte order mark and an empty object', async () => {
    expect((await scan('\ufeff{"items":[1,2,3]}')).elements.map((e) => e[2])).toEqual([1, 2, 3]);
    expect(await scan('{}')).toEqual({ elements: [], members: [] });
    expect((await scan('  {"items" : [ ] , "x":{}}  \n')).members).toEqual([['x', {}]]);
  });

  it('names the file, the line and what was expected', async () => {
    expect(await scanError('[1, 2]')).toBe("test.json: line 1: expected a JSON object ('{'), found '['");
    expect(await scanError('{"items": [1, 2}')).toBe(
      "test.json: line 1: expected ',' or ']' after items[1], found '}'",
    );
    expect(await scanError('{\n"items": [\n{"a": 1},\n{"a": }\n]}')).toMatch(
      /^test\.json: line 4: items\[1\] is not valid JSON \(/,
    );
    expect(await scanError('{"items": [1,\n2,\n')).toBe('test.json: line 3: unexpected end of file in items');
    expect(await scanError('{"a": 1} x')).toBe(
      "test.json: line 1: unexpected 'x' after the end of the top-level object",
    );
    expect(await scanError('{"a" 1}')).toBe(`test.json: line 1: expected ':' after "a", found '1'`);
    expect(await scanError('{"a": 1 "b": 2}')).toBe(`test.json: line 1: expected ',' or '}' after a, found '"'`);
    expect(await scanError('{"items": [{"a": "unterminated}]}')).toBe(
      'test.json: line 1: unexpected end of file inside items[0]',
    );
  });
});
