// The sidebar's schema: label fields with where their labels are, plain fields by kind, and the metadata section's attributes.
import { BUILTIN_SAMPLE_FIELDS, type FieldInfo, type FieldType } from '@teamset/contract';
import { METADATA_ATTRIBUTES, patchFields } from '@teamset/contract/constants';
import { describe, expect, it } from 'vitest';
import { exploreSchema } from './explore-schema';

/** What the fields endpoint lists: the built-ins, then the custom fields (`path: type`). */
function fieldList(custom: Record<string, FieldType>): FieldInfo[] {
  const builtins = Object.entries(BUILTIN_SAMPLE_FIELDS).map(([path, type]) => ({ path, type, builtin: true }));
  return [...builtins, ...Object.entries(custom).map(([path, type]) => ({ path, type, builtin: false }))];
}
const FIELDS = fieldList({
  gt: 'Detections',
  'gt.detections.iscrowd': 'bool',
  scene: 'Classification',
  score: 'float',
});
const MORE = fieldList({ site: 'string', ok: 'bool' });

describe('exploreSchema', () => {
  it('finds label fields with where their labels are, and the scalar fields outside labels', () => {
    const schema = exploreSchema(FIELDS);
    expect(schema.labels.map((l) => [l.path, l.items, l.list])).toEqual([
      ['gt', 'gt.detections', true],
      ['scene', 'scene', false],
    ]);
    // The built-ins have their own controls (tags, metadata) or none (ids, paths, times).
    expect(schema).toMatchObject({ numbers: ['score'], strings: [], bools: [] });
    expect(exploreSchema(MORE)).toMatchObject({ numbers: [], strings: ['site'], bools: ['ok'] });
  });

  it('the built-in metadata: its ImageMetadata attributes by type, in a part of their own', () => {
    expect(exploreSchema(FIELDS).metadata).toEqual({
      numbers: ['metadata.size_bytes', 'metadata.width', 'metadata.height', 'metadata.num_channels'],
      strings: ['metadata.mime_type'],
      bools: [],
    });
    // Taken from the contract's list, so an attribute added there shows up here.
    const { metadata } = exploreSchema(FIELDS);
    expect([...(metadata?.numbers ?? []), ...(metadata?.strings ?? [])].sort()).toEqual(
      Object.keys(METADATA_ATTRIBUTES)
        .map((name) => `metadata.${name}`)
        .sort(),
    );
  });

  it('no metadata part without the built-in metadata field', () => {
    expect(exploreSchema(FIELDS.filter((f) => f.path !== 'metadata')).metadata).toBeUndefined();
    // A custom dict of the same name would not be the built-in (the server refuses one anyway).
    expect(exploreSchema([{ path: 'metadata', type: 'dict', builtin: false }]).metadata).toBeUndefined();
  });

  it('patches keep their sample’s metadata, so the patches view has the part too', () => {
    const schema = exploreSchema(patchFields(FIELDS, 'gt'));
    expect(schema.metadata?.numbers).toContain('metadata.width');
    expect(schema.labels.map((l) => l.path)).toEqual(['gt']);
  });
});
