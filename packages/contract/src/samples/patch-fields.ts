// The fields of a patches view (to_patches), as the server's schema check gives them: for clients that build facets or a sidebar.
import { isListLabelClass } from './field-types.js';
import type { FieldInfo } from './fields-and-views.js';
import { LIST_LABEL_ITEMS } from './labels.js';

/** Label classes whose objects become patches (FiftyOne's to_patches takes objects with a spatial extent). */
export const PATCH_LABEL_CLASSES: readonly string[] = ['Detections', 'Polylines'];

/**
 * A patch's fields: the built-ins, `field` holding one label of the list's item class with its custom attributes
 * (`ground_truth.detections.iscrowd` → `ground_truth.iscrowd`), and `sample_id`. Only the built-ins when `field` is
 * not a Detections or Polylines field.
 */
export function patchFields(fields: readonly FieldInfo[], field: string): FieldInfo[] {
  const builtins = fields.filter((f) => f.builtin);
  const source = fields.find((f) => f.path === field && !f.builtin);
  if (source === undefined || !PATCH_LABEL_CLASSES.includes(source.type) || !isListLabelClass(source.type))
    return builtins;
  const { key, itemClass } = LIST_LABEL_ITEMS[source.type];
  const prefix = `${field}.${key}.`;
  return [
    ...builtins,
    { path: field, type: itemClass, builtin: false },
    { path: 'sample_id', type: 'string', builtin: false },
    ...fields
      .filter((f) => f.path.startsWith(prefix))
      .map((f) => ({ ...f, path: `${field}.${f.path.slice(prefix.length)}` })),
  ];
}
