// `teamset datasets stats` as a user runs it: the built binary, on the database and over the API, against the SDK's facets.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseConnection, createDataset, loadDataset, type Facets } from '@teamset/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureSamples } from '../../sdk/src/test-support/sample-fixture.js';
import { startTeamsetTestServer, type TeamsetTestServer } from '../../sdk/src/test-support/teamset-test-server.js';
import { createSandbox, errorLines, runTeamset, type CliSandbox } from './test-support/run-teamset.js';

const NAME = 'stats set';
const VIEW = { stages: [{ stage: 'match_tags', tags: ['train'] }] };

/** The fixture's samples (30: tags, uniqueness, weather, detections) plus a bool field, through the database. */
async function seed(databaseUri: string): Promise<Facets> {
  const connection = new DatabaseConnection(databaseUri);
  try {
    const dataset = await createDataset(NAME, {}, connection);
    await dataset.addSamples(fixtureSamples(7).map((s, i) => ({ ...s, reviewed: i % 2 === 0 })));
    return await (await loadDataset(NAME, connection)).view(VIEW).facets({ top: 2 });
  } finally {
    await connection.close();
  }
}

describe.each(['database', 'API'] as const)('teamset datasets stats on the %s', (mode) => {
  let sandbox: CliSandbox;
  let server: TeamsetTestServer | undefined;
  let env: Record<string, string>;
  let expected: Facets;
  let viewFile: string;
  const teamset = (args: string[]) => runTeamset(args, { env });

  beforeAll(async () => {
    sandbox = createSandbox();
    viewFile = join(sandbox.dir, 'train.json');
    writeFileSync(viewFile, JSON.stringify(VIEW));
    if (mode === 'database') {
      env = sandbox.env;
      expected = await seed(sandbox.databaseUri);
    } else {
      server = await startTeamsetTestServer();
      const { key } = await server.addUser('member@example.com', 'ADMIN');
      env = { ...sandbox.env, FIFTYONE_API_URI: server.url, FIFTYONE_API_KEY: key };
      expected = await seed(server.databaseUri);
    }
  });
  afterAll(async () => {
    await server?.close();
    sandbox?.cleanup();
  });

  it('--json: the facets of a view file, as the SDK computes them', async () => {
    const result = await teamset(['--json', 'datasets', 'stats', NAME, '--view', viewFile, '--top', '2']);
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ dataset: NAME, view: VIEW, ...expected });
    expect(expected.count).toBe(10);
    expect(expected.labels[0]?.classes?.values).toHaveLength(2);
    expect(expected.fields.map((f) => f.kind).sort()).toEqual(['bool', 'number', 'string']);
  });

  it('a readable summary of the whole dataset', async () => {
    const result = await teamset(['datasets', 'stats', NAME]);
    expect(result.code, result.stderr).toBe(0);
    const out = result.stdout;
    expect(out).toMatch(/^Dataset "stats set": 30 samples\n/);
    expect(out).toContain('Sample tags (4 distinct)');
    expect(out).toMatch(/ground_truth \(Detections\): [\d,]+ labels · 3 classes\n/);
    expect(out).toMatch(/│ CLASS +│ COUNT │/);
    expect(out).toMatch(/confidence: 0\.125 to 1\n/);
    expect(out).toMatch(/reviewed: true 15, false 15, none 0\n/);
    expect(out).toMatch(/weather: 3 distinct\n/);
    expect(out).toMatch(/uniqueness: 0 to 0\.9688\n/);
    const cut = await teamset(['datasets', 'stats', NAME, '--top', '1']);
    expect(cut.stdout).toContain('3 classes, top 1 shown');
  });

  it('refuses a bad view file and an unknown dataset', async () => {
    const bad = join(sandbox.dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ stages: [{ stage: 'nope' }] }));
    const refused = await teamset(['datasets', 'stats', NAME, '--view', bad]);
    expect(refused.code).toBe(2);
    expect(errorLines(refused.stderr).at(-1)).toMatch(/^teamset: error: the view file .*bad\.json: invalid view/);
    const missing = await teamset(['datasets', 'stats', 'no such dataset']);
    expect(missing.code).toBe(1);
    expect(errorLines(missing.stderr).at(-1)).toMatch(/^teamset: error: .*no such dataset/);
  });
});
