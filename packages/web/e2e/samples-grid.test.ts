// The Samples grid in Chromium against a real `teamset serve`: an admin adds a media root in Settings › Organization, the
// grid shows server-made thumbnails with the detections' boxes and label names, and a sample opens large.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import type { Locator } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { field, screenshot, skipBrowserSuite, toast, type TrackedContext } from './support/browser.js';
import { addSamplesFromPage, createDatasetFromPage } from './support/team-flows.js';
import { startWebSuite, type WebSuite } from './support/web-suite.js';

const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'ada-admin-password' };
const DATASET = 'dashcam';

type Box = [number, number, number, number];
type Label = 'person' | 'car' | 'dog';
/** Each label's colour in the pictures. */
const COLOURS: Record<Label, [number, number, number]> = {
  person: [214, 72, 60],
  car: [40, 80, 180],
  dog: [150, 110, 60],
};
interface Scene {
  file: string;
  width: number;
  height: number;
  objects: Array<{ label: Label; box: Box }>;
}

/** A picture a person can read: sky, road, and a coloured block where each labelled object is. */
function paint(scene: Scene): Buffer {
  const { width, height } = scene;
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const sky = y < height * 0.55;
      const shade = Math.round((y / height) * 40);
      const pixel: [number, number, number] = sky
        ? [120 + shade, 170 + shade, 225]
        : [85 + shade, 88 + shade, 92 + shade];
      for (const object of scene.objects) {
        const [bx, by, bw, bh] = object.box;
        if (x >= bx * width && x < (bx + bw) * width && y >= by * height && y < (by + bh) * height)
          pixel.splice(0, 3, ...COLOURS[object.label]);
      }
      data.set([...pixel, 255], (y * width + x) * 4);
    }
  }
  if (scene.file.endsWith('.png')) {
    const png = new pngjs.PNG({ width, height });
    data.copy(png.data);
    return pngjs.PNG.sync.write(png);
  }
  return jpeg.encode({ width, height, data }, 85).data;
}

/** A `width` × `height` picture with one object per [label, box]. */
function makeScene(file: string, width: number, height: number, ...objects: Array<[Label, Box]>): Scene {
  return { file, width, height, objects: objects.map(([label, box]) => ({ label, box })) };
}

const SCENES: Scene[] = [
  makeScene('frame-0001.jpg', 640, 480, ['person', [0.1, 0.4, 0.12, 0.4]], ['car', [0.45, 0.55, 0.4, 0.25]]),
  makeScene('frame-0002.jpg', 800, 450, ['car', [0.05, 0.5, 0.35, 0.3]], ['car', [0.55, 0.52, 0.3, 0.28]]),
  makeScene('frame-0003.png', 480, 640, ['person', [0.3, 0.35, 0.3, 0.5]], ['dog', [0.65, 0.7, 0.25, 0.15]]),
  makeScene('frame-0004.jpg', 1024, 768, ['dog', [0.2, 0.65, 0.2, 0.15]], ['person', [0.6, 0.3, 0.1, 0.45]]),
  makeScene('frame-0005.png', 320, 240, ['car', [0.3, 0.5, 0.5, 0.35]]),
];

/** The sample's first image, once the browser has it: its natural size (0 × 0 while loading or failed). */
async function imageSize(scope: Locator): Promise<{ width: number; height: number; src: string }> {
  const image = scope.locator('img').first();
  await expect
    .poll(async () => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), {
      timeout: 15_000,
    })
    .toBe(true);
  return image.evaluate((img: HTMLImageElement) => ({
    width: img.naturalWidth,
    height: img.naturalHeight,
    // The grid fetches thumbnails itself and shows them through an object URL; data-src is the URL it fetched.
    src: img.getAttribute('data-src') ?? img.getAttribute('src') ?? '',
  }));
}

describe.skipIf(skipBrowserSuite())('the samples grid in Chromium against teamset serve', () => {
  let suite: WebSuite;
  let admin: TrackedContext;
  let media: string;

  beforeAll(async () => {
    suite = await startWebSuite({ firstAdmin: ADMIN, media: { prefix: 'teamset-e2e-media-' } });
    ({ admin, media } = suite);
    for (const scene of SCENES) writeFileSync(join(media, scene.file), paint(scene));
  }, 60_000);

  afterAll(() => suite?.stop());

  it('Settings › Organization: an admin adds a media root (a relative path is refused with the reason)', async () => {
    const { page } = admin;
    await page.goto('/settings/organization');
    const section = page.getByRole('region', { name: 'Media roots' });
    await section.getByText('No media roots yet').waitFor();
    await field(section, 'Add a media root').fill('images/street');
    await section.getByRole('button', { name: 'Add root' }).click();
    await section.getByText('is not an absolute path').waitFor();
    await field(section, 'Add a media root').fill(media);
    await section.getByRole('button', { name: 'Add root' }).click();
    await toast(page, 'Media root added');
    await section.getByRole('button', { name: `Remove media root ${media}` }).waitFor();
    expect(await field(section, 'Add a media root').inputValue()).toBe('');
  }, 30_000);

  it('the grid shows thumbnails with the boxes and label names, and a placeholder where the image is missing', async () => {
    const { page } = admin;
    await createDatasetFromPage(page, { name: DATASET, description: 'Frames from the test drive' });
    const samples = [
      ...SCENES.map((scene, i) => ({
        filepath: join(media, scene.file),
        tags: i % 2 ? ['night'] : ['day'],
        metadata: { width: scene.width, height: scene.height },
        ground_truth: {
          _cls: 'Detections',
          detections: scene.objects.map((o) => ({ _cls: 'Detection', label: o.label, bounding_box: o.box })),
        },
      })),
      {
        filepath: join(media, 'frame-0006-missing.jpg'),
        tags: ['day'],
        metadata: { width: 640, height: 480 },
        ground_truth: {
          _cls: 'Detections',
          detections: [{ _cls: 'Detection', label: 'person', bounding_box: [0.4, 0.3, 0.2, 0.5] }],
        },
      },
    ];
    await addSamplesFromPage(page, DATASET, samples);

    await page.goto(`/datasets/${DATASET}`);
    const grid = page.getByRole('list', { name: 'Samples' });
    await grid.waitFor();
    await page.locator('[data-view-count]', { hasText: '6 samples' }).waitFor();
    await expect.poll(() => grid.getByRole('listitem').count()).toBe(6);

    for (const scene of SCENES) {
      const card = grid.getByRole('listitem').filter({ hasText: scene.file });
      const thumbnail = await imageSize(card);
      expect(thumbnail.src).toMatch(/\/api\/v1\/datasets\/dashcam\/samples\/[0-9a-f]{24}\/thumbnail$/);
      // Made by the server: at most 256 px on the long side, the picture's aspect kept.
      expect(Math.max(thumbnail.width, thumbnail.height)).toBe(Math.min(256, Math.max(scene.width, scene.height)));
      expect(thumbnail.width / thumbnail.height).toBeCloseTo(scene.width / scene.height, 1);
      for (const object of scene.objects)
        expect(await card.locator(`[data-box-label="${object.label}"]`).count()).toBe(
          scene.objects.filter((o) => o.label === object.label).length,
        );
      // Label names show on hover on tiles this small (issue 18: names on every box clutter 200 px tiles).
      await card.hover();
      for (const label of new Set(scene.objects.map((o) => o.label)))
        await expect.poll(() => card.getByText(label, { exact: true }).first().isVisible()).toBe(true);
    }

    // A box sits on the picture where the detection says: the first frame's car spans 45–85 % of its width.
    const first = grid.getByRole('listitem').filter({ hasText: 'frame-0001.jpg' });
    const picture = await first.locator('img').boundingBox();
    const car = await first.locator('[data-box-label="car"]').boundingBox();
    if (!picture || !car) throw new Error('no layout for the first card');
    expect((car.x - picture.x) / picture.width).toBeCloseTo(0.45, 1);
    expect(car.width / picture.width).toBeCloseTo(0.4, 1);

    const missing = grid.getByRole('listitem').filter({ hasText: 'frame-0006-missing.jpg' });
    await missing.locator('[data-media-unavailable]').waitFor();
    await missing.getByText('File missing').waitFor();
    await screenshot(page, 'samples-grid');
  }, 45_000);

  it('a sample opens large with its full image and boxes; arrow keys step through the page; Escape closes', async () => {
    const { page } = admin;
    await page.getByRole('button', { name: /^Open frame-0003\.png/ }).click();
    const viewer = page.getByRole('dialog', { name: 'frame-0003.png' });
    await viewer.waitFor();
    const full = await imageSize(viewer);
    expect(full.src).toMatch(/\/media$/);
    expect([full.width, full.height]).toEqual([480, 640]);
    expect(await viewer.locator('[data-box-label="person"]').count()).toBe(1);
    await viewer.getByText('dog', { exact: true }).waitFor();
    expect(await viewer.textContent()).toContain('3 of 6');
    await screenshot(page, 'sample-viewer');

    await page.keyboard.press('ArrowRight');
    await page.getByRole('dialog', { name: 'frame-0004.jpg' }).waitFor();
    expect((await imageSize(page.getByRole('dialog'))).width).toBe(1024);
    await page.getByRole('button', { name: 'Previous sample' }).click();
    await page.getByRole('dialog', { name: 'frame-0003.png' }).waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
  }, 30_000);

  it('the table view is one click away in the view bar, follows the view and is remembered', async () => {
    const { page } = admin;
    // Mantine's segmented control hides its radio inputs behind their labels: click what a person clicks.
    const views = page.getByRole('radiogroup', { name: 'Samples view' });
    await views.getByText('Table', { exact: true }).click();
    expect(await views.getByRole('radio', { name: 'Table' }).isChecked()).toBe(true);
    await page.getByRole('row', { name: /frame-0001\.jpg/ }).waitFor();
    await page.reload();
    await page.getByRole('row', { name: /frame-0002\.jpg/ }).waitFor();
    expect(await views.getByRole('radio', { name: 'Table' }).isChecked()).toBe(true);
    // The table shows the current view: a tag filter from the sidebar leaves the night frames.
    await page
      .getByRole('complementary', { name: 'Filters' })
      .getByRole('group', { name: 'Sample tags' })
      .getByRole('checkbox', { name: 'night' })
      .click();
    await page.locator('[data-view-count]', { hasText: '2 of 6 samples' }).waitFor();
    await page.getByRole('row', { name: /frame-0001\.jpg/ }).waitFor({ state: 'detached' });
    expect(await page.getByRole('row', { name: /frame-000[24]/ }).count()).toBe(2);
    await page.getByRole('button', { name: 'Remove tags: night' }).click();
    await page.getByRole('row', { name: /frame-0001\.jpg/ }).waitFor();
    await views.getByText('Grid', { exact: true }).click();
    await page.getByRole('list', { name: 'Samples' }).waitFor();
  }, 30_000);

  it('no page error or console error along the way', () => {
    expect(admin.problems).toEqual([]);
  });
});
