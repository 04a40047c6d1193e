// Sample fixtures for core tests: services with a seeded team, fresh datasets by name, and label builders.
import type { SampleInput } from '@teamset/contract';
import type { Actor } from '../actor.js';
import type { Services } from '../services.js';
import { createTestServices, seedTeam, type Team, type TestServices } from './identity-fixtures.js';
import type { TestDialect } from './test-databases.js';

export interface SampleTestContext {
  ctx: TestServices;
  services: Services;
  team: Team;
  /** A new dataset (created by the team's member unless another actor is given); returns its name. */
  newDataset(label: string, actor?: Actor): Promise<string>;
  close(): Promise<void>;
}

let seq = 0;
/** A dataset name no other test uses. */
export function uniqueDatasetName(label: string): string {
  seq += 1;
  return `${label} ${seq} ${Date.now().toString(36)}`;
}

export async function createSampleTestContext(dialect: TestDialect): Promise<SampleTestContext> {
  const ctx = await createTestServices(dialect, { background: false });
  const team = await seedTeam(ctx.services, 'samples');
  return {
    ctx,
    services: ctx.services,
    team,
    async newDataset(label, actor = team.as.member) {
      const dataset = await ctx.services.datasets.create(actor, { name: uniqueDatasetName(label) });
      return dataset.name;
    },
    close: () => ctx.close(),
  };
}

/** A Detection label; `extra` adds or overrides attributes. */
export function detection(label: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { _cls: 'Detection', label, bounding_box: [0.1, 0.2, 0.3, 0.4], confidence: 0.5, ...extra };
}

export function detections(...items: Array<Record<string, unknown>>): Record<string, unknown> {
  return { _cls: 'Detections', detections: items };
}

/** `n` samples with a filepath, a `uniqueness` and `perSample` detections each (the benchmark's shape). */
export function syntheticSamples(n: number, perSample = 5, offset = 0): SampleInput[] {
  const labels = ['cat', 'dog', 'bird', 'car', 'person'];
  return Array.from({ length: n }, (_, i) => ({
    filepath: `/data/images/${offset + i}.jpg`,
    tags: i % 2 === 0 ? ['train'] : ['validation'],
    uniqueness: ((offset + i) % 1000) / 1000,
    ground_truth: detections(
      ...Array.from({ length: perSample }, (_, j) =>
        detection(labels[(i + j) % labels.length] as string, { confidence: ((i * 7 + j) % 100) / 100 }),
      ),
    ),
  }));
}
