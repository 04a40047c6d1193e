// Label tags in a sample document: add or remove tags on the labels with given ids, in single and list label fields alike.
import { LIST_LABEL_ITEMS, isListLabelClass } from '@teamset/contract';
import { isPlainObject } from '../encoding/json-check.js';

/** The single labels of a label field's value: the label itself, or a list label's items. */
export function labelsOf(value: unknown): Record<string, unknown>[] {
  if (!isPlainObject(value)) return [];
  const cls = value._cls;
  if (isListLabelClass(cls)) {
    const items = value[LIST_LABEL_ITEMS[cls].key];
    return Array.isArray(items) ? items.filter(isPlainObject) : [];
  }
  return [value];
}

/**
 * Adds (`add`) or removes tags on the labels of `fields[field]` whose id is in `labelIds`, mutating the
 * document; true when any label changed. Added tags are appended once, in the given order.
 */
export function retagLabels(
  fields: Record<string, unknown>,
  field: string,
  labelIds: ReadonlySet<string>,
  tags: readonly string[],
  add: boolean,
): boolean {
  let changed = false;
  for (const label of labelsOf(fields[field])) {
    if (typeof label.id !== 'string' || !labelIds.has(label.id)) continue;
    const current = Array.isArray(label.tags) ? (label.tags as string[]) : [];
    const next = add
      ? [...current, ...tags.filter((t) => !current.includes(t))]
      : current.filter((t) => !tags.includes(t));
    if (next.length !== current.length || !Array.isArray(label.tags)) {
      label.tags = next;
      changed = true;
    }
  }
  return changed;
}
