// Schema inference: the type each value gets, which stored types it fits, and how one write's schema grows and clashes.
import { describe, expect, it } from 'vitest';
import { AppError } from '../errors/app-error.js';
import { fit, observe, SchemaBuilder } from './schema-inference.js';

function errorOf(run: () => unknown): AppError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('expected an AppError');
}

describe('observe', () => {
  it('types scalars; numbers are floats (JSON cannot tell 1 from 1.0) and remember whether they were integers', () => {
    expect(observe('a', 'f')).toEqual({ type: 'string', integral: true, untypedList: false });
    expect(observe(true, 'f')).toEqual({ type: 'bool', integral: true, untypedList: false });
    expect(observe(3, 'f')).toEqual({ type: 'float', integral: true, untypedList: false });
    expect(observe(0.5, 'f')).toEqual({ type: 'float', integral: false, untypedList: false });
  });

  it('types objects as dict and lists by their elements, empty or all-null lists as untyped list<any>', () => {
    expect(observe({ a: { b: [1, 'x'] } }, 'f').type).toBe('dict');
    expect(observe(['a', 'b'], 'f').type).toBe('list<string>');
    expect(observe([1, null, 2.5], 'f')).toEqual({ type: 'list<float>', integral: false, untypedList: false });
    expect(observe([], 'f')).toEqual({ type: 'list<any>', integral: true, untypedList: true });
    expect(observe([null], 'f').untypedList).toBe(true);
    expect(observe([{ a: 1 }], 'f').type).toBe('list<dict>');
    expect(
      observe(
        [
          [0, 1],
          [2, 3],
        ],
        'f',
      ),
    ).toMatchObject({ type: 'list<any>', untypedList: false });
  });

  it('refuses a list mixing element types, naming the field and both types', () => {
    const error = errorOf(() => observe([1, 'a'], 'scores'));
    expect(error.code).toBe('BAD_REQUEST');
    expect(error.message).toBe('Field "scores" mixes list element types float and string');
    expect(error.details).toMatchObject({ field: 'scores' });
  });

  it('refuses non-JSON values: NaN, Infinity, NUL characters, lone surrogates, class instances', () => {
    expect(errorOf(() => observe(Number.NaN, 'f')).message).toMatch(/finite/);
    expect(errorOf(() => observe([1, Number.POSITIVE_INFINITY], 'f')).message).toMatch(/finite/);
    expect(errorOf(() => observe({ a: { b: Number.NaN } }, 'f')).message).toMatch(/finite/);
    expect(errorOf(() => observe('a\u0000b', 'f')).message).toMatch(/NUL/);
    expect(errorOf(() => observe('\ud800', 'f')).message).toMatch(/surrogate/);
    expect(observe('😀', 'f').type).toBe('string');
    expect(errorOf(() => observe(new Date(), 'f')).message).toMatch(/JSON values only/);
    expect(errorOf(() => observe({ when: new Map() }, 'f')).message).toMatch(/JSON values only/);
  });

  it('refuses labels inside a plain list', () => {
    expect(errorOf(() => observe([{ _cls: 'Detection', label: 'cat' }], 'boxes')).message).toMatch(/list label/);
  });
});

describe('fit', () => {
  const obs = (value: unknown) => observe(value, 'f');
  it('accepts the same type, anything into any, integers into a declared int', () => {
    expect(fit('float', obs(1))).toBe('ok');
    expect(fit('string', obs('a'))).toBe('ok');
    expect(fit('any', obs('a'))).toBe('ok');
    expect(fit('int', obs(3))).toBe('ok');
    expect(fit('int', obs(3.5))).toBe('mismatch');
    expect(fit('list<int>', obs([1, 2]))).toBe('ok');
    expect(fit('list<int>', obs([1, 2.5]))).toBe('mismatch');
  });

  it('lets an untyped list fit any list and widens list<any> on the first typed list', () => {
    expect(fit('list<string>', obs([]))).toBe('ok');
    expect(fit('list<any>', obs(['a']))).toBe('widen');
    expect(fit('list<any>', obs([]))).toBe('ok');
    expect(fit('string', obs([]))).toBe('mismatch');
    expect(fit('list<string>', obs([1]))).toBe('mismatch');
    expect(fit('dict', obs('a'))).toBe('mismatch');
  });
});

describe('SchemaBuilder', () => {
  it('records new fields, checks later values of the same write against them, and reports a clash with both types', () => {
    const schema = new SchemaBuilder({ uniqueness: 'float' });
    schema.accept('uniqueness', observe(0.3, 'uniqueness'));
    schema.accept('note', observe('x', 'note'));
    const clash = errorOf(() => schema.accept('note', observe(2, 'note')));
    expect(clash.message).toBe('Field "note" is string; got float');
    expect(clash.details).toEqual({ field: 'note', expected: 'string', actual: 'float' });
    const stored = errorOf(() => schema.accept('uniqueness', observe('high', 'uniqueness')));
    expect(stored.message).toBe('Field "uniqueness" is float; got string');
    expect(schema.changes()).toEqual([{ path: 'note', type: 'string', widens: false }]);
  });

  it('widens a stored list<any> and an in-write list<any>, and reports widening of stored entries', () => {
    const schema = new SchemaBuilder({ stored: 'list<any>' });
    schema.accept('fresh', observe([], 'fresh'));
    schema.accept('fresh', observe([1], 'fresh'));
    schema.accept('stored', observe(['a'], 'stored'));
    expect(schema.changes()).toEqual([
      { path: 'fresh', type: 'list<float>', widens: false },
      { path: 'stored', type: 'list<string>', widens: true },
    ]);
    expect(errorOf(() => schema.accept('stored', observe([true], 'stored'))).message).toBe(
      'Field "stored" is list<string>; got list<bool>',
    );
  });

  it('keeps one label class per field', () => {
    const schema = new SchemaBuilder({ gt: 'Detections' });
    schema.acceptLabel('gt', 'Detections');
    expect(errorOf(() => schema.acceptLabel('gt', 'Classification')).message).toBe(
      'Field "gt" is Detections; got Classification',
    );
  });

  it('never mistakes inherited object members for schema entries', () => {
    const schema = new SchemaBuilder({});
    expect(schema.typeOf('constructor')).toBeUndefined();
    schema.accept('constructor', observe('x', 'constructor'));
    expect(schema.typeOf('constructor')).toBe('string');
  });

  it('absorb joins a later part typed from the same stored schema: equal, new, widened, untyped lists; a clash is refused', () => {
    const schema = new SchemaBuilder({ tags2: 'list<any>', score: 'float' });
    schema.accept('name', observe('x', 'name'));
    schema.accept('flags', observe([], 'flags'));
    expect(schema.absorb('name', 'string')).toBe(true);
    expect(schema.absorb('fresh', 'float')).toBe(true);
    expect(schema.absorb('flags', 'list<string>')).toBe(true);
    expect(schema.absorb('tags2', 'list<int>')).toBe(true);
    schema.accept('points', observe([1.5], 'points'));
    expect(schema.absorb('points', 'list<any>')).toBe(true);
    expect(schema.typeOf('flags')).toBe('list<string>');
    expect(schema.typeOf('points')).toBe('list<float>');
    expect(schema.absorb('name', 'float')).toBe(false);
    expect(schema.absorb('points', 'list<string>')).toBe(false);
    expect(
      schema
        .changes()
        .map((c) => `${c.path}:${c.type}:${c.widens}`)
        .sort(),
    ).toEqual([
      'flags:list<string>:false',
      'fresh:float:false',
      'name:string:false',
      'points:list<float>:false',
      'tags2:list<int>:true',
    ]);
  });
});
