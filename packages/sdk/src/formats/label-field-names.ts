// The label field an import fills or an export reads, checked the way the server checks field names.
import { reservedFieldNameProblem } from '@teamset/contract';
import { FIELD_NAME } from './text-checks.js';

export const DEFAULT_LABEL_FIELD = 'ground_truth';

/** `labelField` or the default, refused with a TypeError when the server could not take it as a field name. */
export function importLabelField(labelField: string | undefined): string {
  const name = labelField ?? DEFAULT_LABEL_FIELD;
  const problem = FIELD_NAME.test(name)
    ? reservedFieldNameProblem(name)
    : 'a field name is letters, digits and "_", starting with a letter';
  if (problem) throw new TypeError(`labelField ${JSON.stringify(name)}: ${problem}`);
  return name;
}

/** Where COCO segmentation polygons go, beside the boxes. */
export function segmentationField(labelField: string): string {
  return `${labelField}_segmentations`;
}
