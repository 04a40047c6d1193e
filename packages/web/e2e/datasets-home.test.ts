// The datasets home in Chromium against a real `teamset serve`: sample counts, label fields, the real media type, cover
// thumbnails, sorting by a column, and the card view (remembered) that uses a wide screen's width.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, screenshot, skipBrowserSuite, type TrackedContext } from './support/browser.js';
import { addSamplesFromPage, callFromPage, createDatasetFromPage } from './support/team-flows.js';
import { startWebSuite, type WebSuite } from './support/web-suite.js';

const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'ada-admin-password' };

/** A 320×240 JPEG of one colour with a lighter band, enough to tell covers apart in a picture. */
function picture(rgb: [number, number, number]): Buffer {
  const width = 320;
  const height = 240;
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const band = y > height * 0.6 ? 60 : 0;
      data.set(
        [Math.min(255, rgb[0] + band), Math.min(255, rgb[1] + band), Math.min(255, rgb[2] + band), 255],
        (y * width + x) * 4,
      );
    }
  return jpeg.encode({ width, height, data }, 85).data;
}

/** The names in the order the table or the cards show them. */
async function namesInOrder(scope: Locator): Promise<string[]> {
  return scope.getByRole('link').allTextContents();
}

async function sampleIdsOf(page: Page, dataset: string): Promise<string[]> {
  const listed = await callFromPage<{ datasets: Array<{ name: string; coverSampleId: string | null }> }>(
    page,
    'GET',
    '/api/v1/datasets',
  );
  const cover = listed.body.datasets.find((d) => d.name === dataset)?.coverSampleId;
  return cover ? [cover] : [];
}

describe.skipIf(skipBrowserSuite())('the datasets home in Chromium against teamset serve', () => {
  let suite: WebSuite;
  let admin: TrackedContext;
  let media: string;

  beforeAll(async () => {
    suite = await startWebSuite({ firstAdmin: ADMIN, media: { prefix: 'teamset-e2e-home-' } });
    ({ admin, media } = suite);
    writeFileSync(join(media, 'car-1.jpg'), picture([40, 80, 180]));
    writeFileSync(join(media, 'car-2.jpg'), picture([200, 60, 50]));
    writeFileSync(join(media, 'tree-1.jpg'), picture([50, 140, 70]));
    const { page } = admin;
    expect((await callFromPage(page, 'PUT', '/api/v1/organization/media-roots', { roots: [media] })).status).toBe(200);
    await createDatasetFromPage(page, { name: 'alpha-empty', description: 'Nothing in it yet' });
    await createDatasetFromPage(page, {
      name: 'bravo-cars',
      description: 'Cars on the street',
      tags: ['street', 'cars'],
    });
    await createDatasetFromPage(page, { name: 'charlie-clips', mediaType: 'video', description: 'Dashcam clips' });
    await createDatasetFromPage(page, { name: 'delta-trees' });
    await addSamplesFromPage(page, 'bravo-cars', [
      {
        filepath: join(media, 'car-1.jpg'),
        ground_truth: {
          _cls: 'Detections',
          detections: [{ _cls: 'Detection', label: 'car', bounding_box: [0.1, 0.1, 0.5, 0.5] }],
        },
        weather: { _cls: 'Classification', label: 'sunny' },
      },
      { filepath: join(media, 'car-2.jpg') },
      { filepath: join(media, 'missing.jpg') },
    ]);
    await addSamplesFromPage(page, 'charlie-clips', [{ filepath: join(media, 'clip-1.mp4') }]);
    await addSamplesFromPage(page, 'delta-trees', [
      { filepath: join(media, 'tree-1.jpg') },
      { filepath: join(media, 'tree-2.jpg') },
    ]);
  }, 90_000);

  afterAll(() => suite?.stop());

  it('the table shows each dataset’s samples, label fields, real media type and cover thumbnail', async () => {
    const { page } = admin;
    await page.setViewportSize({ width: 1440, height: 900 });
    await page.goto('/datasets');
    const table = page.getByRole('table', { name: 'Datasets' });
    await table.waitFor();
    const row = (name: string) => table.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
    const cells = async (name: string) => (await row(name).getByRole('cell').allInnerTexts()).map((t) => t.trim());

    const bravo = await cells('bravo-cars');
    expect(bravo[1]).toBe('Images');
    expect(bravo[2]).toBe('3');
    expect(bravo[3]).toBe('ground_truth\nweather');
    expect((await cells('charlie-clips')).slice(1, 3)).toEqual(['Videos', '1']);
    expect((await cells('alpha-empty')).slice(1, 4)).toEqual(['Images', '0', 'No label fields']);

    // The cover is the first sample's thumbnail, loaded; an empty dataset shows its media type's icon instead.
    const [cover] = await sampleIdsOf(page, 'bravo-cars');
    const image = row('bravo-cars').locator('img[data-cover="thumbnail"]');
    expect(await image.getAttribute('src')).toBe(`/api/v1/datasets/bravo-cars/samples/${cover}/thumbnail`);
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), { timeout: 15_000 })
      .toBe(true);
    expect(await row('alpha-empty').locator('[data-cover="none"]').count()).toBe(1);
    expect(await page.getByText('4 datasets').isVisible()).toBe(true);
    await screenshot(page, 'datasets-home');
  }, 60_000);

  it('sorts by a column header, both ways, and says so to screen readers', async () => {
    const { page } = admin;
    const table = page.getByRole('table', { name: 'Datasets' });
    expect(await namesInOrder(table)).toEqual(['alpha-empty', 'bravo-cars', 'charlie-clips', 'delta-trees']);
    await page.getByRole('button', { name: 'Sort by samples' }).click();
    await expect.poll(() => namesInOrder(table)).toEqual(['alpha-empty', 'charlie-clips', 'delta-trees', 'bravo-cars']);
    const header = page.getByRole('columnheader', { name: 'Sort by samples' });
    expect(await header.getAttribute('aria-sort')).toBe('ascending');
    await page.getByRole('button', { name: 'Sort by samples' }).click();
    await expect.poll(() => namesInOrder(table)).toEqual(['bravo-cars', 'delta-trees', 'charlie-clips', 'alpha-empty']);
    expect(await header.getAttribute('aria-sort')).toBe('descending');
    // Last changed: a new sample in alpha-empty makes it the most recently changed.
    await addSamplesFromPage(page, 'alpha-empty', [{ filepath: join(media, 'car-1.jpg') }]);
    await page.getByRole('button', { name: 'Sort by last changed' }).click();
    await page.getByRole('button', { name: 'Sort by last changed' }).click();
    await expect.poll(async () => (await namesInOrder(table))[0]).toBe('alpha-empty');
    await page.getByRole('button', { name: 'Sort by name' }).click();
    await expect.poll(() => namesInOrder(table)).toEqual(['alpha-empty', 'bravo-cars', 'charlie-clips', 'delta-trees']);
  }, 60_000);

  it('the card view shows covers and counts, sorts from its menu, is remembered, and fills a wide screen', async () => {
    const { page } = admin;
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.getByText('Cards', { exact: true }).click();
    const cards = page.getByRole('list', { name: 'Datasets' });
    await cards.waitFor();
    const card = (name: string) =>
      cards.getByRole('listitem').filter({ has: page.getByRole('link', { name, exact: true }) });
    expect(await card('bravo-cars').innerText()).toContain('3 samples · Images');
    expect(await card('charlie-clips').innerText()).toContain('1 sample · Videos');
    expect(await card('bravo-cars').getByText('ground_truth').isVisible()).toBe(true);
    await expect
      .poll(() =>
        card('bravo-cars')
          .locator('img[data-cover="thumbnail"]')
          .evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0),
      )
      .toBe(true);
    // A wide screen: no reading-width cap, four cards side by side.
    const box = await cards.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(1500);
    const tops = await cards
      .getByRole('listitem')
      .evaluateAll((items) => items.map((i) => i.getBoundingClientRect().top));
    expect(new Set(tops).size).toBe(1);

    // A card's focus ring is drawn by the card, whole, when its link has the keyboard focus.
    // (Focus by keyboard: after mouse clicks the browser shows no ring for a programmatic focus.)
    await card('bravo-cars').getByRole('link').focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    expect(await card('bravo-cars').evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');
    await choose(page, 'Sort by', 'Most samples');
    await expect.poll(() => namesInOrder(cards)).toEqual(['bravo-cars', 'delta-trees', 'alpha-empty', 'charlie-clips']);
    await screenshot(page, 'datasets-home-cards');

    // Remembered in this browser, with the sort.
    await page.reload();
    await cards.waitFor();
    expect(await namesInOrder(cards)).toEqual(['bravo-cars', 'delta-trees', 'alpha-empty', 'charlie-clips']);
    await page.getByText('Table', { exact: true }).click();
    await page.getByRole('table', { name: 'Datasets' }).waitFor();
    await page.reload();
    await page.getByRole('table', { name: 'Datasets' }).waitFor();
    expect(admin.problems).toEqual([]);
  }, 60_000);

  it('other pages keep their reading width', async () => {
    const { page } = admin;
    await page.goto('/settings/account');
    await page.getByRole('heading', { name: 'Settings' }).waitFor();
    const width = await page
      .locator('main > div')
      .first()
      .evaluate((el) => el.getBoundingClientRect().width);
    expect(width).toBeLessThanOrEqual(1120);
    await page.setViewportSize({ width: 1280, height: 800 });
  }, 30_000);
});
