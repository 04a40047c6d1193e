// FiftyOne's class names for labels, fields and metadata, and which of them Teamset keeps.
import { LABEL_CLASSES, type FieldType, type LabelClass } from '@teamset/contract';

export const LABELS_MODULE = 'fiftyone.core.labels';
export const FIELDS_MODULE = 'fiftyone.core.fields';
export const IMAGE_METADATA = 'fiftyone.core.metadata.ImageMetadata';

export function isTeamsetLabelClass(cls: unknown): cls is LabelClass {
  return typeof cls === 'string' && (LABEL_CLASSES as readonly string[]).includes(cls);
}

/** FiftyOne label classes Teamset has no equivalent for: a field holding them is left out, with a warning. */
export const UNSUPPORTED_LABEL_CLASSES: ReadonlySet<string> = new Set([
  'Segmentation',
  'Heatmap',
  'TemporalDetection',
  'TemporalDetections',
  'GeoLocation',
  'GeoLocations',
  'Cuboid',
  'Polylines3D',
  'Detections3D',
  'RotatedBox',
]);

/**
 * Attributes FiftyOne's label classes declare that Teamset's do not: masks are binary data Teamset cannot
 * keep, and `attributes` is FiftyOne's legacy attribute dictionary (flattened on import).
 */
export const FIFTYONE_ONLY_LABEL_ATTRIBUTES: ReadonlySet<string> = new Set(['mask', 'mask_path', 'attributes']);

/** Teamset scalar types ↔ FiftyOne field classes. */
const SCALAR_FTYPES: Readonly<Record<string, string>> = {
  string: 'StringField',
  int: 'IntField',
  float: 'FloatField',
  bool: 'BooleanField',
  dict: 'DictField',
  any: 'Field',
};

/** The FiftyOne field class (without module) of a Teamset scalar or dict type. */
export function fieldClassOf(type: string): string | undefined {
  return SCALAR_FTYPES[type];
}

/** The Teamset type a FiftyOne field class maps to when declared; undefined when there is none to declare. */
export function typeOfFieldClass(ftype: unknown, subfield: unknown, embeddedDocType: unknown): FieldType | undefined {
  const name = typeof ftype === 'string' ? ftype.slice(ftype.lastIndexOf('.') + 1) : '';
  switch (name) {
    case 'IntField':
    case 'FrameNumberField':
      return 'int';
    case 'FloatField':
      return 'float';
    case 'StringField':
    case 'ObjectIdField':
    case 'DateTimeField':
    case 'DateField':
    case 'ColorField':
      return 'string';
    case 'BooleanField':
      return 'bool';
    case 'DictField':
      return 'dict';
    case 'ListField': {
      const element = typeOfFieldClass(subfield, undefined, embeddedDocType);
      if (element === 'int' || element === 'float' || element === 'string' || element === 'bool' || element === 'dict')
        return `list<${element}>`;
      return undefined;
    }
    case 'EmbeddedDocumentField': {
      const cls =
        typeof embeddedDocType === 'string' ? embeddedDocType.slice(embeddedDocType.lastIndexOf('.') + 1) : '';
      return embeddedDocType === `${LABELS_MODULE}.${cls}` && isTeamsetLabelClass(cls) ? cls : undefined;
    }
    default:
      return undefined;
  }
}
