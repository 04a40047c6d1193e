// The seeded data a fuzz pass aims at: a dataset with samples, a field and a saved view, a user with a key, a group, an invitation.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SYSTEM_ACTOR, type Services } from '@teamset/core';
import { SEED_FIELD, SEED_SAMPLES, SEED_VIEW, SEED_VIEW_NAME } from '../test-support/matrix-seed.js';
import { writeJpeg, writePng } from '../test-support/test-images.js';

/** A media root with a real JPEG and PNG, a file that only claims to be a JPEG, and names of files that are not there. */
export interface MediaFolder {
  root: string;
  files: string[];
}

export function createMediaFolder(): MediaFolder {
  const root = mkdtempSync(join(tmpdir(), 'teamset-fuzz-media-'));
  writeJpeg(join(root, 'ok.jpg'), 40, 30);
  writePng(join(root, 'ok.png'), 30, 40);
  writeFileSync(
    join(root, 'corrupt.jpg'),
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46, 0xde, 0xad]),
  );
  writeFileSync(join(root, 'empty.png'), Buffer.alloc(0));
  const files = ['ok.jpg', 'ok.png', 'corrupt.jpg', 'empty.png', 'missing.jpg'].map((name) => join(root, name));
  return { root, files: [...files, join(root, '..', 'outside.jpg')] };
}

export interface FuzzWorld {
  dataset: string;
  datasetId: string;
  sampleIds: string[];
  userId: string;
  userEmail: string;
  groupId: string;
  groupName: string;
  keyId: string;
  invitationId: string;
  invitationToken: string;
  viewName: string;
}

/**
 * A fresh world per route: a route that deletes or renames what it is given (DELETE /datasets/{name}, a field
 * rename) must not starve the routes after it of real targets. The fuzzing users are never part of a world, so
 * no generated request can delete or demote the caller.
 */
export async function seedWorld(services: Services, label: string, media: MediaFolder): Promise<FuzzWorld> {
  // A route fuzzed before may have replaced the roots (PUT /organization/media-roots).
  await services.mediaRoots.replace(SYSTEM_ACTOR, [media.root]);
  const dataset = await services.datasets.create(SYSTEM_ACTOR, { name: `fuzz ${label}` });
  const { ids } = await services.samples.addSamples(SYSTEM_ACTOR, dataset.name, [
    ...SEED_SAMPLES.map((s) => ({ ...s, tags: [...s.tags] })),
    ...media.files.map((filepath) => ({ filepath, tags: ['media'] })),
  ]);
  await services.samples.addField(SYSTEM_ACTOR, dataset.name, SEED_FIELD.path, SEED_FIELD.type);
  await services.savedViews.save(SYSTEM_ACTOR, dataset.name, SEED_VIEW_NAME, { view: SEED_VIEW });
  const userEmail = `target-${label}@example.com`;
  const user = await services.users.create(SYSTEM_ACTOR, { email: userEmail, name: `target ${label}`, role: 'MEMBER' });
  const { apiKey } = await services.keys.generate(SYSTEM_ACTOR, { name: `target-${label}`, user: user.id });
  const group = await services.groups.create(SYSTEM_ACTOR, { name: `group ${label}`, users: [user.id] });
  await services.datasetPermissions.setUser(SYSTEM_ACTOR, dataset.name, user.id, 'VIEW');
  await services.datasetPermissions.setGroup(SYSTEM_ACTOR, dataset.name, group.id, 'TAG');
  const invitation = await services.invitations.create(
    SYSTEM_ACTOR,
    { email: `invited-${label}@example.com` },
    'http://teamset.test',
  );
  return {
    dataset: dataset.name,
    datasetId: dataset.id,
    sampleIds: ids,
    userId: user.id,
    userEmail,
    groupId: group.id,
    groupName: group.name,
    keyId: apiKey.id,
    invitationId: invitation.invitation.id,
    invitationToken: invitation.token,
    viewName: SEED_VIEW_NAME,
  };
}

const FIELD_PATHS = [
  'filepath',
  'tags',
  'uniqueness',
  'note',
  SEED_FIELD.path,
  'id',
  'metadata',
  'ground_truth.detections.label',
];

/** Real values for each path parameter name of the API. */
export function realPathValues(world: FuzzWorld): Record<string, readonly string[]> {
  return {
    name: [world.dataset],
    sampleId: world.sampleIds,
    user: [world.userId, world.userEmail],
    group: [world.groupId, world.groupName],
    keyId: [world.keyId],
    id: [world.invitationId],
    path: FIELD_PATHS,
    view: [world.viewName, 'seeded-view'],
  };
}

/** Every real value of the world, to put where another kind is expected. */
export function allWorldValues(world: FuzzWorld): string[] {
  return [...new Set([...Object.values(realPathValues(world)).flat(), world.datasetId])];
}

/** Real values for body and query properties of a given name, so generated bodies often reach the handler's logic. */
export function propertyHints(world: FuzzWorld): (name: string) => readonly string[] {
  const byName: Record<string, readonly string[]> = {
    name: [world.dataset, 'new name'],
    dataset: [world.dataset],
    user: [world.userId, world.userEmail],
    users: [world.userId, world.userEmail],
    group: [world.groupId, world.groupName],
    email: [world.userEmail, 'new@example.com'],
    token: [world.invitationToken],
    sample_ids: world.sampleIds,
    ids: world.sampleIds,
    id: world.sampleIds,
    field: FIELD_PATHS,
    path: FIELD_PATHS,
    tags: ['seeded', 'first'],
    search: ['fuzz', ''],
  };
  return (name) => byName[name] ?? [];
}
