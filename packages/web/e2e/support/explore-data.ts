// The explore suites' start: a server, a browser, the first admin, and a dataset made with the SDK over the API (frames with boxes, keypoints, polylines, tags, a score).
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { CreatedApiKey, SampleInput } from '@teamset/contract';
import { ApiConnection, createDataset, type Dataset } from '@teamset/sdk';
import jpeg from 'jpeg-js';
import type { Browser, Page } from 'playwright-core';
import type { TrackedContext } from './browser.js';
import { callFromPage, type Person } from './team-flows.js';
import type { TeamsetProcess } from './teamset-process.js';
import { startWebSuite, tempFolder } from './web-suite.js';

export const FRAME_WIDTH = 320;
export const FRAME_HEIGHT = 240;
const CLASSES = ['car', 'person', 'truck'] as const;

/** frame-0001.jpg … : the names the grid and the modal show. */
export function frameName(i: number): string {
  return `frame-${String(i).padStart(4, '0')}.jpg`;
}

/** A plain picture per frame, its shade from the frame number, so each file is a real, distinct JPEG. */
function paint(i: number): Buffer {
  const data = Buffer.alloc(FRAME_WIDTH * FRAME_HEIGHT * 4);
  for (let p = 0; p < FRAME_WIDTH * FRAME_HEIGHT; p++)
    data.set([90 + (i % 7) * 20, 140, 200 - (i % 5) * 20, 255], p * 4);
  return jpeg.encode({ width: FRAME_WIDTH, height: FRAME_HEIGHT, data }, 70).data;
}

/**
 * Frame i: one big box of a rotating class (confidence and a custom `iscrowd`), a small dog box on every fourth,
 * one person keypoint (with a missing point), one lane polyline, a day/night tag and a `uniqueness` score.
 */
export function frameSample(media: string, i: number): SampleInput {
  return {
    filepath: join(media, frameName(i)),
    tags: [i % 3 === 0 ? 'night' : 'day'],
    metadata: { width: FRAME_WIDTH, height: FRAME_HEIGHT },
    uniqueness: Math.round((i / 64) * 1000) / 1000,
    ground_truth: {
      _cls: 'Detections',
      detections: [
        {
          _cls: 'Detection',
          label: CLASSES[i % 3],
          bounding_box: [0.1, 0.1, 0.5, 0.6],
          confidence: 0.5 + (i % 5) / 10,
          iscrowd: i % 2,
        },
        ...(i % 4 === 0
          ? [{ _cls: 'Detection', label: 'dog', bounding_box: [0.7, 0.7, 0.2, 0.2], confidence: 0.3 }]
          : []),
      ],
    },
    pose: {
      _cls: 'Keypoints',
      keypoints: [
        {
          _cls: 'Keypoint',
          label: 'person',
          points: [
            [0.3, 0.3],
            [0.35, 0.4],
            [null, null],
          ],
        },
      ],
    },
    lanes: {
      _cls: 'Polylines',
      polylines: [
        {
          _cls: 'Polyline',
          label: 'lane',
          points: [
            [
              [0, 0.95],
              [0.5, 0.75],
              [1, 0.95],
            ],
          ],
          closed: false,
          filled: false,
        },
      ],
    },
  };
}

export interface ExploreData {
  media: string;
  dataset: Dataset;
}

/** Changes frame i's sample before it is added (another metadata, say); frameSample's as it is by default. */
export type EditSample = (sample: SampleInput, i: number) => SampleInput;

/**
 * From the admin's signed-in page: a media root holding `count` frames, an API key, and through the SDK the
 * dataset `name` with one sample per frame, in frame order.
 */
export async function makeExploreData(
  page: Page,
  serverUrl: string,
  name: string,
  count: number,
  edit: EditSample = (sample) => sample,
): Promise<ExploreData> {
  const media = tempFolder('teamset-e2e-explore-');
  for (let i = 1; i <= count; i++) writeFileSync(join(media, frameName(i)), paint(i));
  const roots = await callFromPage(page, 'PUT', '/api/v1/organization/media-roots', { roots: [media] });
  if (roots.status !== 200) throw new Error(`media root: ${roots.status} ${JSON.stringify(roots.body)}`);
  const key = await callFromPage<CreatedApiKey>(page, 'POST', '/api/v1/keys', { name: `${name}-sdk` });
  if (key.status !== 201) throw new Error(`api key: ${key.status}`);
  const connection = new ApiConnection({ apiUri: serverUrl, apiKey: key.body.key });
  const dataset = await createDataset(name, {}, connection);
  await dataset.addSamples(Array.from({ length: count }, (_, i) => edit(frameSample(media, i + 1), i + 1)));
  return { media, dataset };
}

/** A running server, a browser, the first admin signed in and the dataset made: what each explore suite starts from. */
export interface ExploreSuite {
  server: TeamsetProcess;
  browser: Browser;
  admin: TrackedContext;
  data: ExploreData;
  stop(): Promise<void>;
}

export async function startExploreSuite(
  admin: Person,
  name: string,
  count: number,
  edit?: EditSample,
): Promise<ExploreSuite> {
  const suite = await startWebSuite({ firstAdmin: admin });
  const data = await makeExploreData(suite.admin.page, suite.server.url, name, count, edit).catch(
    async (error: unknown) => {
      await suite.stop();
      throw error;
    },
  );
  return {
    server: suite.server,
    browser: suite.browser,
    admin: suite.admin,
    data,
    stop: async () => {
      await suite.stop();
      rmSync(data.media, { recursive: true, force: true });
    },
  };
}
