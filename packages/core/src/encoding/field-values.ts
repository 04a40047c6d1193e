// Custom field values of one write: validated, typed against the growing schema, labels normalized (ids, tags).
import type { ListLabelClass, SingleLabelClass } from '@teamset/contract';
import { badRequest } from '../errors/app-error.js';
import { idSequence } from './id-sequence.js';
import {
  checkAttributeName,
  isLabelValue,
  labelClassOf,
  normalizeLabel,
  normalizeLabelAttribute,
  normalizeListAttribute,
  type AttributeTyper,
  type LabelContext,
} from './label-values.js';
import { observe, typeMismatch, type SchemaBuilder } from '../fields/schema-inference.js';

/**
 * Checks and normalizes the custom values of one write (a batch of samples, a patch, a setValues call)
 * against one SchemaBuilder, so every value of the write sees the types the earlier ones introduced.
 */
export class FieldValues implements AttributeTyper {
  private readonly labels: LabelContext;
  private readonly attributePaths = new Map<string, Map<string, string>>();

  constructor(
    readonly schema: SchemaBuilder,
    makeId: () => string = idSequence(),
  ) {
    this.labels = { typer: this, newId: makeId };
  }

  /** A top-level custom field (the name already checked): null, a label of a known class, or a plain JSON value. */
  field(name: string, value: unknown): unknown {
    if (value === null) return null;
    if (isLabelValue(value)) {
      const cls = labelClassOf(value, name);
      const known = this.schema.typeOf(name);
      if (known !== undefined && known !== cls && known !== 'any') throw typeMismatch(name, known, cls);
      const normalized = normalizeLabel(value, cls, name, this.labels);
      this.schema.acceptLabel(name, cls);
      return normalized;
    }
    this.schema.accept(name, observe(value, name));
    return value;
  }

  /** One attribute of single labels of class `cls` at `path` (setValues on `ground_truth.detections.label`). */
  labelAttribute(cls: SingleLabelClass, path: string, key: string, value: unknown): unknown {
    return normalizeLabelAttribute(cls, path, key, value, this.labels);
  }

  /** One attribute of a list label itself (`predictions.logits`). */
  listAttribute(cls: ListLabelClass, field: string, key: string, value: unknown): unknown {
    return normalizeListAttribute(cls, field, key, value, this.labels);
  }

  /**
   * A custom attribute `key` of a label at `path` (`ground_truth.detections` + `iscrowd`): any non-label JSON
   * value, typed like a field.
   */
  customAttribute(path: string, key: string, value: unknown): unknown {
    const full = this.attributePath(path, key);
    if (value === null) return null;
    if (isLabelValue(value))
      throw badRequest(`Field ${JSON.stringify(full)}: labels cannot hold other labels`, { field: full });
    this.schema.accept(full, observe(value, full));
    return value;
  }

  /**
   * `path.key`, its name checked once per write. A batch repeats the same few attribute paths on every label
   * (a million times in a large import): one string each keeps its hash cached for the schema's lookups,
   * where a new concatenation per label was hashed anew every time (profiled: a tenth of the add path).
   */
  private attributePath(path: string, key: string): string {
    let byKey = this.attributePaths.get(path);
    if (byKey === undefined) this.attributePaths.set(path, (byKey = new Map()));
    let full = byKey.get(key);
    if (full === undefined) {
      checkAttributeName(path, key);
      byKey.set(key, (full = `${path}.${key}`));
    }
    return full;
  }
}
