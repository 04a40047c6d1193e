// Schema inference: the FieldType of a value, whether it fits a field's stored type, and the schema a batch grows.
import { listElementType, type ElementType, type FieldSchema, type FieldType } from '@teamset/contract';
import { badRequest, type AppError } from '../errors/app-error.js';
import { checkJson, isFiniteNumber, isPlainObject, own, stringProblem } from '../encoding/json-check.js';

/** What one non-null value looks like to the schema. */
export interface Observation {
  type: FieldType;
  /** Every number seen was an integer, so the value also fits a declared `int` / `list<int>`. */
  integral: boolean;
  /** A list without any typed element (empty, or only nulls): it fits every list type. */
  untypedList: boolean;
}

/** The one message of a type clash, naming the field and both types (docs/design.md §5). */
export function typeMismatch(field: string, expected: FieldType, actual: FieldType | string): AppError {
  return badRequest(`Field ${JSON.stringify(field)} is ${expected}; got ${actual}`, { field, expected, actual });
}

/** The observations of scalars, shared: this runs for every attribute of every label of a batch. */
const STRING: Observation = Object.freeze({ type: 'string', integral: true, untypedList: false });
const BOOL: Observation = Object.freeze({ type: 'bool', integral: true, untypedList: false });
const WHOLE_NUMBER: Observation = Object.freeze({ type: 'float', integral: true, untypedList: false });
const NUMBER: Observation = Object.freeze({ type: 'float', integral: false, untypedList: false });

function scalarObservation(value: unknown, field: string): Observation | undefined {
  switch (typeof value) {
    case 'string': {
      const problem = stringProblem(value);
      if (problem) throw badRequest(`Field ${JSON.stringify(field)}: strings ${problem}`, { field });
      return STRING;
    }
    case 'boolean':
      return BOOL;
    case 'number':
      if (!isFiniteNumber(value))
        throw badRequest(`Field ${JSON.stringify(field)}: numbers must be finite (JSON has no NaN or Infinity)`, {
          field,
        });
      // JSON cannot tell 1 from 1.0: numbers are floats unless the field was declared int.
      return Number.isInteger(value) ? WHOLE_NUMBER : NUMBER;
    default:
      return undefined;
  }
}

function elementObservation(item: unknown, field: string): { type: ElementType; integral: boolean } {
  const scalar = scalarObservation(item, field);
  if (scalar) return scalar as { type: ElementType; integral: boolean };
  if (Array.isArray(item)) {
    // Lists of lists (polygon points) are kept whole and untyped.
    checkJson(item, field, 1);
    return { type: 'any', integral: true };
  }
  if (isPlainObject(item)) {
    if (Object.hasOwn(item, '_cls')) {
      throw badRequest(
        `Field ${JSON.stringify(field)}: labels in a list must sit in their list label (e.g. Detections.detections), not in a plain list`,
        { field },
      );
    }
    checkJson(item, field, 1);
    return { type: 'dict', integral: true };
  }
  checkJson(item, field, 1);
  throw badRequest(`Field ${JSON.stringify(field)} must hold JSON values only`, { field });
}

/**
 * The type of a non-null value that is not a label: scalars, `dict` for objects (contents untyped), lists
 * typed by their elements (`list<any>` while none is typed). A list mixing element types is a 400.
 */
export function observe(value: unknown, field: string): Observation {
  const scalar = scalarObservation(value, field);
  if (scalar) return scalar;
  if (Array.isArray(value)) {
    let element: ElementType | undefined;
    let integral = true;
    for (const item of value) {
      if (item === null) continue;
      if (item === undefined)
        throw badRequest(`Field ${JSON.stringify(field)}: lists must not hold undefined`, { field });
      const seen = elementObservation(item, field);
      if (!seen.integral) integral = false;
      if (element === undefined) element = seen.type;
      else if (element !== seen.type)
        throw badRequest(`Field ${JSON.stringify(field)} mixes list element types ${element} and ${seen.type}`, {
          field,
          expected: `list<${element}>`,
          actual: seen.type,
        });
    }
    return element === undefined
      ? { type: 'list<any>', integral: true, untypedList: true }
      : { type: `list<${element}>`, integral, untypedList: false };
  }
  if (isPlainObject(value)) {
    checkJson(value, field);
    return { type: 'dict', integral: true, untypedList: false };
  }
  checkJson(value, field);
  throw badRequest(`Field ${JSON.stringify(field)} must hold JSON values only`, { field });
}

export type Fit = 'ok' | 'widen' | 'mismatch';

/**
 * Whether an observed value fits a field's type: exactly; integers into a declared `int`; anything into `any`;
 * an untyped list into any list. A typed list into `list<any>` widens the field to that list type.
 */
export function fit(known: FieldType, observed: Observation): Fit {
  if (known === observed.type || known === 'any') return 'ok';
  if (known === 'int') return observed.type === 'float' && observed.integral ? 'ok' : 'mismatch';
  const knownElement = listElementType(known);
  if (knownElement === undefined || listElementType(observed.type) === undefined) return 'mismatch';
  if (observed.untypedList) return 'ok';
  if (knownElement === 'any') return 'widen';
  if (knownElement === 'int') return observed.type === 'list<float>' && observed.integral ? 'ok' : 'mismatch';
  return 'mismatch';
}

/** A schema entry a write adds, or (`widens`) an existing `list<any>` entry that becomes typed. */
export interface SchemaChange {
  path: string;
  type: FieldType;
  widens: boolean;
}

/**
 * The schema as one write grows it: the stored entries plus what the write's values add. Values are checked
 * against stored and earlier-in-the-write types alike, so a clash inside one batch is caught as one across batches.
 */
export class SchemaBuilder {
  private readonly changed = new Map<string, FieldType>();
  /** What `takeChanges` has handed out, so a write that persists in steps sends each change once. */
  private readonly taken = new Map<string, FieldType>();

  constructor(readonly stored: FieldSchema) {}

  typeOf(path: string): FieldType | undefined {
    return this.changed.get(path) ?? own(this.stored, path);
  }

  /** Types a non-label value at `path`, recording a new field or widening an untyped list; throws on a clash. */
  accept(path: string, observed: Observation): void {
    const known = this.typeOf(path);
    if (known === undefined) {
      this.changed.set(path, observed.type);
      return;
    }
    const verdict = fit(known, observed);
    if (verdict === 'widen') this.changed.set(path, observed.type);
    else if (verdict === 'mismatch') throw typeMismatch(path, known, observed.type);
  }

  /** Types a label of class `labelClass` at `path`: a label field holds one class. */
  acceptLabel(path: string, labelClass: FieldType): void {
    const known = this.typeOf(path);
    if (known === undefined) this.changed.set(path, labelClass);
    else if (known !== labelClass && known !== 'any') throw typeMismatch(path, known, labelClass);
  }

  /**
   * Takes in the final type another builder reached for `path` from the same stored schema, over values that
   * come after this builder's in the write (a batch encoded in two parts at once). True when processing those
   * values here, one by one, would have accepted them all and ended on the type recorded now; false when it
   * would have refused one, which only a run over the values themselves can name.
   */
  absorb(path: string, later: FieldType): boolean {
    const known = this.typeOf(path);
    if (known === later) return true;
    if (known === undefined) {
      this.changed.set(path, later);
      return true;
    }
    const knownElement = listElementType(known);
    const laterElement = listElementType(later);
    if (knownElement === undefined || laterElement === undefined) return false;
    // Only untyped lists came later: they fit any list. Only untyped lists came before: the later type widens it.
    if (later === 'list<any>') return true;
    if (known === 'list<any>') {
      this.changed.set(path, later);
      return true;
    }
    return false;
  }

  /** Every entry this write adds or widens, relative to the stored schema. */
  changes(): SchemaChange[] {
    return [...this.changed].map(([path, type]) => ({ path, type, widens: own(this.stored, path) !== undefined }));
  }

  /** The changes since the last call, for a write that persists chunk by chunk: a path added earlier in it and typed since is a widening. */
  takeChanges(): SchemaChange[] {
    const out: SchemaChange[] = [];
    for (const [path, type] of this.changed) {
      if (this.taken.get(path) === type) continue;
      out.push({ path, type, widens: own(this.stored, path) !== undefined || this.taken.has(path) });
      this.taken.set(path, type);
    }
    return out;
  }

  merged(): FieldSchema {
    return Object.assign(
      Object.create(null) as Record<string, FieldType>,
      this.stored,
      Object.fromEntries(this.changed),
    );
  }
}
