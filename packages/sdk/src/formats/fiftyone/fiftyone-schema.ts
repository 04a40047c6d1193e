// FiftyOne's sample_fields (in metadata.json) ↔ Teamset's field schema.
import {
  BUILTIN_SAMPLE_FIELDS,
  LABEL_ATTRIBUTES,
  LIST_LABEL_ITEMS,
  METADATA_ATTRIBUTES,
  isLabelClass,
  isListLabelClass,
  listElementType,
  type FieldType,
  type LabelClass,
  type SingleLabelClass,
} from '@teamset/contract';
import type { ProblemLog } from '../problem-log.js';
import { ATTRIBUTE_NAME, FIELD_NAME, isPlainObject } from '../text-checks.js';
import {
  FIELDS_MODULE,
  FIFTYONE_ONLY_LABEL_ATTRIBUTES,
  IMAGE_METADATA,
  LABELS_MODULE,
  fieldClassOf,
  typeOfFieldClass,
} from './fiftyone-classes.js';

/** One entry of FiftyOne's sample_fields (SampleFieldDocument.to_dict()). */
export interface FieldDocument {
  name: string;
  ftype: string;
  embedded_doc_type: string | null;
  subfield: string | null;
  fields: FieldDocument[];
  db_field: string | null;
  description: null;
  info: null;
  read_only: boolean;
}

// ---- import: which fields to declare so integers stay integers and empty fields exist ----

function subfields(doc: Record<string, unknown>): Record<string, unknown>[] {
  return Array.isArray(doc.fields) ? doc.fields.filter(isPlainObject) : [];
}

/** Custom attributes of a label class's embedded document, as declarations under `prefix`. */
function attributeDeclarations(
  docs: Record<string, unknown>[],
  cls: SingleLabelClass,
  prefix: string,
  out: Array<{ path: string; type: FieldType }>,
): void {
  for (const doc of docs) {
    const name = doc.name;
    if (
      typeof name !== 'string' ||
      !ATTRIBUTE_NAME.test(name) ||
      Object.hasOwn(LABEL_ATTRIBUTES[cls], name) ||
      FIFTYONE_ONLY_LABEL_ATTRIBUTES.has(name)
    )
      continue;
    const type = typeOfFieldClass(doc.ftype, doc.subfield, doc.embedded_doc_type);
    if (type !== undefined && !isLabelClass(type)) out.push({ path: `${prefix}.${name}`, type });
  }
}

/**
 * Declarations for the custom fields metadata.json describes, parents before their attributes. Values alone
 * would type FiftyOne's IntFields as floats (JSON cannot tell 1 from 1.0) and leave out fields no sample sets.
 */
export function declarationsFromSampleFields(
  sampleFields: unknown,
  problems: ProblemLog,
): Array<{ path: string; type: FieldType }> {
  if (sampleFields === undefined || sampleFields === null) return [];
  if (!Array.isArray(sampleFields)) {
    problems.warn('metadata.json: sample_fields is not a list; field types are inferred from the samples');
    return [];
  }
  const out: Array<{ path: string; type: FieldType }> = [];
  for (const doc of sampleFields.filter(isPlainObject)) {
    const name = doc.name;
    if (
      typeof name !== 'string' ||
      !FIELD_NAME.test(name) ||
      Object.hasOwn(BUILTIN_SAMPLE_FIELDS, name) ||
      name === 'dataset_id'
    )
      continue;
    const type = typeOfFieldClass(doc.ftype, doc.subfield, doc.embedded_doc_type);
    if (type === undefined) continue;
    out.push({ path: name, type });
    if (!isLabelClass(type)) continue;
    if (isListLabelClass(type)) {
      const { key, itemClass } = LIST_LABEL_ITEMS[type];
      const items = subfields(doc).find((f) => f.name === key);
      if (items) attributeDeclarations(subfields(items), itemClass, `${name}.${key}`, out);
    } else {
      attributeDeclarations(subfields(doc), type, name, out);
    }
  }
  return out;
}

// ---- export: sample_fields for a Teamset schema ----

function fieldDoc(name: string, ftype: string, extra: Partial<FieldDocument> = {}): FieldDocument {
  return {
    name,
    ftype: `${FIELDS_MODULE}.${ftype}`,
    embedded_doc_type: null,
    subfield: null,
    fields: [],
    db_field: name,
    description: null,
    info: null,
    read_only: false,
    ...extra,
  };
}

/** FiftyOne's own field classes for attributes whose values are not plain scalars. */
const SPECIAL_ATTRIBUTE_FTYPES: Readonly<Record<string, string>> = {
  'Keypoint.points': 'KeypointsField',
  'Polyline.points': 'PolylinePointsField',
};

/** The field document of a Teamset type (label classes get their attributes from `schema`, under `path`). */
function docForType(
  name: string,
  type: FieldType,
  path: string,
  schema: Readonly<Record<string, FieldType>>,
): FieldDocument {
  if (isLabelClass(type)) return labelDoc(name, type, path, schema);
  const element = listElementType(type);
  if (element !== undefined) {
    if (isLabelClass(element)) {
      return fieldDoc(name, 'ListField', {
        subfield: `${FIELDS_MODULE}.EmbeddedDocumentField`,
        embedded_doc_type: `${LABELS_MODULE}.${element}`,
      });
    }
    const sub = fieldClassOf(element);
    return fieldDoc(name, 'ListField', { subfield: sub && element !== 'any' ? `${FIELDS_MODULE}.${sub}` : null });
  }
  return fieldDoc(name, fieldClassOf(type) ?? 'Field');
}

function attributeDocs(
  cls: SingleLabelClass,
  path: string,
  schema: Readonly<Record<string, FieldType>>,
): FieldDocument[] {
  const docs: FieldDocument[] = [];
  for (const [name, type] of Object.entries(LABEL_ATTRIBUTES[cls])) {
    const special = SPECIAL_ATTRIBUTE_FTYPES[`${cls}.${name}`];
    if (name === 'id') docs.push(fieldDoc('id', 'ObjectIdField', { db_field: '_id' }));
    else if (special) docs.push(fieldDoc(name, special));
    else docs.push(docForType(name, type, `${path}.${name}`, schema));
  }
  const prefix = `${path}.`;
  for (const [attrPath, type] of Object.entries(schema)) {
    if (!attrPath.startsWith(prefix)) continue;
    const name = attrPath.slice(prefix.length);
    if (!name.includes('.') && !Object.hasOwn(LABEL_ATTRIBUTES[cls], name))
      docs.push(docForType(name, type, attrPath, schema));
  }
  return docs;
}

function labelDoc(
  name: string,
  cls: LabelClass,
  path: string,
  schema: Readonly<Record<string, FieldType>>,
): FieldDocument {
  const embedded = { embedded_doc_type: `${LABELS_MODULE}.${cls}` };
  if (!isListLabelClass(cls))
    return fieldDoc(name, 'EmbeddedDocumentField', { ...embedded, fields: attributeDocs(cls, path, schema) });
  const { key, itemClass } = LIST_LABEL_ITEMS[cls];
  const items = fieldDoc(key, 'ListField', {
    subfield: `${FIELDS_MODULE}.EmbeddedDocumentField`,
    embedded_doc_type: `${LABELS_MODULE}.${itemClass}`,
    fields: attributeDocs(itemClass, `${path}.${key}`, schema),
  });
  return fieldDoc(name, 'EmbeddedDocumentField', { ...embedded, fields: [items] });
}

/** sample_fields for metadata.json: the built-ins as FiftyOne declares them, then each custom top-level field. */
export function sampleFieldsFor(schema: Readonly<Record<string, FieldType>>): FieldDocument[] {
  const metadataFields = Object.entries(METADATA_ATTRIBUTES).map(([name, type]) =>
    fieldDoc(name, fieldClassOf(type) ?? 'Field'),
  );
  const docs = [
    fieldDoc('id', 'ObjectIdField', { db_field: '_id', read_only: true }),
    fieldDoc('filepath', 'StringField'),
    fieldDoc('tags', 'ListField', { subfield: `${FIELDS_MODULE}.StringField` }),
    fieldDoc('metadata', 'EmbeddedDocumentField', { embedded_doc_type: IMAGE_METADATA, fields: metadataFields }),
    fieldDoc('created_at', 'DateTimeField', { read_only: true }),
    fieldDoc('last_modified_at', 'DateTimeField', { read_only: true }),
  ];
  for (const [path, type] of Object.entries(schema)) {
    if (path.includes('.') || Object.hasOwn(BUILTIN_SAMPLE_FIELDS, path)) continue;
    docs.push(docForType(path, type, path, schema));
  }
  return docs;
}
