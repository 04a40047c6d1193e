// Seeds one dataset of the authorization matrix through the services (system actor): default permission, user and group grants, samples, a field, a saved view.
import { SYSTEM_ACTOR, isAppError, type Services } from '@teamset/core';
import type { FixtureUser } from './auth-fixture.js';
import type { OracleLevel } from './dataset-access-oracle.js';
import type { MatrixDataset } from './matrix-operation.js';

/** Three samples: sample tags {seeded: 3, first: 1}, uniqueness 0.1 / 0.5 / 0.9, and a custom string. */
export const SEED_SAMPLES = [
  { filepath: '/matrix/0.jpg', tags: ['seeded', 'first'], uniqueness: 0.1, note: 'zero' },
  { filepath: '/matrix/1.jpg', tags: ['seeded'], uniqueness: 0.5, note: 'one' },
  { filepath: '/matrix/2.jpg', tags: ['seeded'], uniqueness: 0.9, note: 'two' },
] as const;
export const SEED_UNIQUENESS = SEED_SAMPLES.map((s) => s.uniqueness);
/** Declared with no sample holding it: the field the delete and rename cells act on. */
export const SEED_FIELD = { path: 'extra', type: 'string' } as const;
export const SEED_VIEW_NAME = 'seeded view';
export const SEED_VIEW = { stages: [{ stage: 'match_tags', tags: ['seeded'] }] } as const;
/** The bystander's explicit grant, and their group's grant, on every matrix dataset. */
export const BYSTANDER_GRANT = 'VIEW';

export interface MatrixSeedInput {
  name: string;
  datasetDefault: OracleLevel;
  /** The caller's explicit grant, or null for none. */
  grant: OracleLevel | null;
  /** The grant to the caller's own group, or null for none. */
  groupGrant: OracleLevel | null;
  callerGroup: string;
  /** A grant above the caller's role cap, which the API must refuse before `grant` (the cap) is stored. */
  refusedGrant?: OracleLevel;
  caller: FixtureUser;
  bystander: FixtureUser;
  bystanderGroup: string;
}

export async function seedMatrixDataset(services: Services, input: MatrixSeedInput): Promise<MatrixDataset> {
  const { name } = input;
  // Created by the system actor: no creator grant, so the caller's only grant is the one the cell sets.
  await services.datasets.create(SYSTEM_ACTOR, { name });
  await services.datasetPermissions.setDefault(SYSTEM_ACTOR, name, input.datasetDefault);
  if (input.refusedGrant) {
    const refused = await services.datasetPermissions
      .setUser(SYSTEM_ACTOR, name, input.caller.user.id, input.refusedGrant)
      .then(
        () => undefined,
        (error: unknown) => error,
      );
    if (!isAppError(refused) || refused.code !== 'BAD_REQUEST') {
      throw new Error(
        `granting ${input.refusedGrant} to a ${input.caller.user.role} should be refused (400), got ${refused === undefined ? 'success' : String(refused)}`,
      );
    }
  }
  if (input.grant !== null)
    await services.datasetPermissions.setUser(SYSTEM_ACTOR, name, input.caller.user.id, input.grant);
  if (input.groupGrant !== null)
    await services.datasetPermissions.setGroup(SYSTEM_ACTOR, name, input.callerGroup, input.groupGrant);
  await services.datasetPermissions.setUser(SYSTEM_ACTOR, name, input.bystander.user.id, BYSTANDER_GRANT);
  await services.datasetPermissions.setGroup(SYSTEM_ACTOR, name, input.bystanderGroup, BYSTANDER_GRANT);
  const { ids } = await services.samples.addSamples(
    SYSTEM_ACTOR,
    name,
    SEED_SAMPLES.map((s) => ({ ...s, tags: [...s.tags] })),
  );
  await services.samples.addField(SYSTEM_ACTOR, name, SEED_FIELD.path, SEED_FIELD.type);
  await services.savedViews.save(SYSTEM_ACTOR, name, SEED_VIEW_NAME, { view: SEED_VIEW });
  return {
    name,
    sampleIds: ids,
    datasetDefault: input.datasetDefault,
    grant: input.grant,
    groupGrant: input.groupGrant,
  };
}

/** Everything a denied request could have changed, to compare before and after a group of cells. */
export async function snapshotDataset(services: Services, name: string): Promise<unknown> {
  const dataset = await services.datasets.get(SYSTEM_ACTOR, name);
  return {
    dataset,
    samples: (await services.samples.querySamples(SYSTEM_ACTOR, name, { limit: 100 })).samples,
    fields: await services.samples.getFieldSchema(SYSTEM_ACTOR, name),
    savedViews: await services.savedViews.list(SYSTEM_ACTOR, name),
    permissions: await services.datasetPermissions.listUsers(SYSTEM_ACTOR, name),
  };
}
