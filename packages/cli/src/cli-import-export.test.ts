// `teamset import` and `teamset export` as a user runs them: the built binary, on the database and over the API.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { stageFixture, tempDir, type StagedFixture } from '../../sdk/src/test-support/format-fixtures.js';
import { startTeamsetTestServer, type TeamsetTestServer } from '../../sdk/src/test-support/teamset-test-server.js';
import { createSandbox, errorLines, runTeamset, type CliSandbox } from './test-support/run-teamset.js';

interface Summary {
  dataset: string;
  created?: boolean;
  dir?: string;
  samples: number;
  labels: number;
  seconds: number;
  warnings: string[];
}

let sandbox: CliSandbox;
const cleanups: Array<() => void> = [];
const staged = (name: 'coco' | 'yolo' | 'fiftyone'): StagedFixture => {
  const fx = stageFixture(name);
  cleanups.push(fx.cleanup);
  return fx;
};
const outDir = (): string => {
  const dir = tempDir();
  cleanups.push(dir.cleanup);
  return join(dir.dir, 'out');
};
const teamset = (args: string[], env = sandbox.env) => runTeamset(args, { env });
async function json(args: string[], env = sandbox.env): Promise<Summary> {
  const result = await teamset(['--json', ...args], env);
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout) as Summary;
}

beforeAll(() => {
  sandbox = createSandbox();
});
afterAll(() => {
  sandbox.cleanup();
  for (const cleanup of cleanups) cleanup();
});

describe('teamset import and export on the database', () => {
  it('imports with plain progress lines off a terminal, and prints a summary', async () => {
    const result = await teamset(['import', staged('coco').dir, '--type', 'coco', '--dataset', 'cli coco']);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(
      /^Imported 4 samples with 5 labels into new dataset "cli coco" in (\d+ ms|\d+\.\d s)\n$/,
    );
    const lines = errorLines(result.stderr);
    expect(lines).toContain('teamset: reading the input: 100%');
    expect(lines.some((l) => /^teamset: importing 4\/4 samples \([\d,]+ samples\/s, ETA 0 s\)$/.test(l))).toBe(true);
    expect(lines.filter((l) => l.startsWith('teamset: warning: '))).toEqual([
      expect.stringContaining('RLE segmentations'),
    ]);
    // No escape codes: this is not a terminal.
    expect(result.stderr).not.toContain('\u001b[');
  });

  it('exports and re-imports with --json summaries; a second import into the same name adds to it', async () => {
    const dir = outDir();
    const exported = await json(['export', 'cli coco', dir, '--type', 'coco']);
    expect(exported).toMatchObject({ dataset: 'cli coco', dir, samples: 4, labels: 5, warnings: [] });
    expect(exported.seconds).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8'))).toMatchObject({
      images: expect.any(Array),
      annotations: expect.any(Array),
    });

    expect(await json(['import', dir, '--type', 'coco', '--dataset', 'cli again'])).toMatchObject({
      dataset: 'cli again',
      created: true,
      samples: 4,
      labels: 5,
      warnings: [],
    });
    expect(
      await json([
        'import',
        join(dir, 'labels.json'),
        '--type',
        'coco',
        '--dataset',
        'cli again',
        '--label-field',
        'copy',
        '--images-dir',
        join(dir, 'data'),
      ]),
    ).toMatchObject({
      created: false,
      samples: 4,
    });
    const yolo = outDir();
    expect(
      await json(['export', 'cli again', yolo, '--type', 'yolo', '--label-field', 'copy', '--media', 'symlink']),
    ).toMatchObject({ samples: 8, labels: 5 });
    expect(readFileSync(join(yolo, 'data.yaml'), 'utf8')).toContain('names:');
  });

  it('refuses bad input on one line naming file and path, and imports nothing', async () => {
    const fx = staged('coco');
    const doc = JSON.parse(readFileSync(join(fx.dir, 'labels.json'), 'utf8')) as {
      annotations: Array<Record<string, unknown>>;
    };
    doc.annotations.push(
      { id: 50, image_id: 77, category_id: 1, bbox: [1, 2, 3, 4] },
      { id: 51, image_id: 1, category_id: 1, bbox: [1, 2, 'x', 4] },
    );
    writeFileSync(join(fx.dir, 'labels.json'), JSON.stringify(doc));

    const refused = await teamset(['import', fx.dir, '--type', 'coco', '--dataset', 'cli bad']);
    expect(refused.code).toBe(1);
    expect(refused.stdout).toBe('');
    expect(errorLines(refused.stderr).filter((l) => l.startsWith('teamset: error: '))).toEqual([
      'teamset: error: labels.json: annotations[6].bbox: expected 4 numbers [x, y, width, height] with width and height ≥ 0, got [1,2,"x",4] (and 1 more problem); nothing was imported (--skip-invalid skips such items)',
    ]);
    expect((await teamset(['datasets', 'info', 'cli bad'])).code).toBe(1);

    const skipped = await json(['import', fx.dir, '--type', 'coco', '--dataset', 'cli bad', '--skip-invalid']);
    expect(skipped).toMatchObject({ created: true, samples: 4, labels: 5 });
    expect(skipped.warnings).toEqual(
      expect.arrayContaining(['labels.json: annotations[5].image_id: no image with id 77 (skipped)']),
    );

    const syntax = join(fx.dir, 'broken.json');
    writeFileSync(syntax, '{"images": [\n{"id": 1 "file_name": "a.jpg"}\n]}');
    const broken = await teamset(['import', syntax, '--type', 'coco', '--dataset', 'cli broken', '--skip-invalid']);
    expect(broken.code).toBe(1);
    expect(errorLines(broken.stderr).at(-1)).toMatch(
      /^teamset: error: broken\.json: line 2: images\[0\] is not valid JSON \(.*\); nothing was imported$/,
    );
  });

  it('lists the first 20 of many problems with the total, and writes every one (past 100) to --problems-file', async () => {
    const fx = staged('coco');
    const doc = JSON.parse(readFileSync(join(fx.dir, 'labels.json'), 'utf8')) as {
      annotations: Array<Record<string, unknown>>;
    };
    for (let id = 100; id < 250; id++)
      doc.annotations.push({ id, image_id: 1000 + id, category_id: 1, bbox: [1, 2, 3, 4] });
    writeFileSync(join(fx.dir, 'labels.json'), JSON.stringify(doc));

    const refused = await teamset(['import', fx.dir, '--type', 'coco', '--dataset', 'cli many']);
    expect(refused.code).toBe(1);
    const listed = errorLines(refused.stderr).filter((line) => line.startsWith('teamset: problem '));
    expect(listed).toHaveLength(20);
    expect(listed[0]).toMatch(
      /^teamset: problem 1 of 150: labels\.json: annotations\[\d+\]\.image_id: no image with id 1100$/,
    );
    expect(refused.stderr).toContain('teamset: 130 more not shown: --problems-file <file> writes them to a file');
    expect(refused.stderr).toContain('(and 149 more problems); nothing was imported');

    const file = join(outDir(), '..', 'problems.txt');
    const written = await teamset([
      'import',
      fx.dir,
      '--type',
      'coco',
      '--dataset',
      'cli many',
      '--problems-file',
      file,
    ]);
    expect(written.code).toBe(1);
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    // Every problem, past the 100 the SDK lists word for word, and the fixture's one warning (its RLE mask).
    expect(lines.filter((line) => !line.startsWith('warning: '))).toHaveLength(150);
    expect(lines.filter((line) => line.startsWith('warning: '))).toEqual([
      expect.stringContaining('RLE segmentations'),
    ]);
    expect(lines.at(-1)).toMatch(/no image with id 1249$/);
    expect(written.stderr).toContain(`teamset: all 150 problems are in ${file}`);

    const skipped = await teamset([
      'import',
      fx.dir,
      '--type',
      'coco',
      '--dataset',
      'cli many',
      '--skip-invalid',
      '--problems-file',
      file,
    ]);
    expect(skipped.code, skipped.stderr).toBe(0);
    const warnings = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(warnings).toHaveLength(151);
    expect(warnings.every((line) => line.startsWith('warning: '))).toBe(true);
    expect(skipped.stderr).toContain(`teamset: all 151 warnings are in ${file}`);
  });

  it.each([
    [['import', '/x', '--dataset', 'd']],
    [['import', '/x', '--type', 'voc', '--dataset', 'd']],
    [['import', '/x', '--type', 'coco']],
    [['export', 'd', '/x', '--type', 'coco', '--media', 'move']],
  ])('%j is a usage error: exit 2, one line', async (args) => {
    const result = await teamset(args);
    expect(result.code).toBe(2);
    expect(errorLines(result.stderr)).toHaveLength(1);
  });
});

describe('teamset import and export over the API', () => {
  let server: TeamsetTestServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    server = await startTeamsetTestServer();
    const { key } = await server.addUser('member@example.com', 'MEMBER');
    env = { ...sandbox.env, FIFTYONE_API_URI: server.url, FIFTYONE_API_KEY: key };
  });
  afterAll(async () => {
    await server?.close();
  });

  it('imports YOLO and FiftyOne directories and exports them as the key’s user', async () => {
    expect(await json(['import', staged('yolo').dir, '--type', 'yolo', '--dataset', 'api yolo'], env)).toMatchObject({
      created: true,
      samples: 5,
      labels: 5,
    });
    const fo = await json(['import', staged('fiftyone').dir, '--type', 'fiftyone', '--dataset', 'api fo'], env);
    expect(fo).toMatchObject({ created: true, samples: 3, labels: 6 });
    const dir = outDir();
    expect(await json(['export', 'api fo', dir, '--type', 'fiftyone'], env)).toMatchObject({ samples: 3, labels: 6 });
    const samples = JSON.parse(readFileSync(join(dir, 'samples.json'), 'utf8')) as {
      samples: Array<{ _id: { $oid: string } }>;
    };
    expect(samples.samples.map((s) => s._id.$oid)).toEqual([
      '6630a1b2c3d4e5f601234501',
      '6630a1b2c3d4e5f601234502',
      '6630a1b2c3d4e5f601234503',
    ]);

    const missing = await teamset(['export', 'no such dataset', outDir(), '--type', 'coco'], env);
    expect(missing.code).toBe(1);
    expect(errorLines(missing.stderr)).toEqual([expect.stringMatching(/^teamset: error: .*not found/i)]);
  });
});
