// The patches view in Chromium against a real `teamset serve`: one tile per object (the server's crop of its box), filtered
// by the same sidebar, counted as the SDK's toPatches counts, kept in the URL, and a tile opens its sample.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, screenshot, skipBrowserSuite, type TrackedContext } from './support/browser.js';
import { axeViolations } from './support/accessibility.js';
import { frameName, startExploreSuite, type ExploreData, type ExploreSuite } from './support/explore-data.js';

const POLL = { timeout: 10_000 };
const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'ada-admin-password' };
const DATASET = 'patch-crossing';
const FRAMES = 12;
const PICKER = 'Show samples or patches';

const grid = (page: Page, field: string) => page.getByRole('list', { name: `Patches of ${field}` });
const sidebar = (page: Page) => page.getByRole('complementary', { name: 'Filters' });

/** The labels of the tiles shown, in order. */
async function tileLabels(page: Page, field: string): Promise<string[]> {
  return grid(page, field)
    .locator('[data-patch-label]')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-patch-label') ?? ''));
}

describe.skipIf(skipBrowserSuite())('the patches view in Chromium against teamset serve', () => {
  let suite: ExploreSuite | undefined;
  let admin: TrackedContext;
  let data: ExploreData;

  beforeAll(async () => {
    suite = await startExploreSuite(ADMIN, DATASET, FRAMES);
    ({ admin, data } = suite);
  }, 90_000);

  afterAll(async () => {
    await suite?.stop();
  });

  it('shows one cropped tile per detection, counted as the SDK counts the patches, and keeps it in the URL', async () => {
    const { page } = admin;
    await page.goto(`/datasets/${DATASET}`);
    await choose(page, PICKER, 'Patches of ground_truth');
    await expect.poll(() => new URL(page.url()).searchParams.get('patches')).toBe('ground_truth');
    const patches = data.dataset.toPatches('ground_truth');
    const expected = await patches.values('ground_truth.label');
    expect(expected.length).toBe(FRAMES + FRAMES / 4);
    await expect.poll(() => tileLabels(page, 'ground_truth'), POLL).toEqual(expected);
    await expect.poll(() => page.locator('[data-view-count]').textContent(), POLL).toBe(`${expected.length} patches`);
    // Tiles are the server's crops of each box: real JPEGs, smaller than the frame.
    const first = grid(page, 'ground_truth').locator('img').first();
    await expect.poll(() => first.evaluate((img: HTMLImageElement) => img.naturalWidth), POLL).toBeGreaterThan(0);
    expect(await first.getAttribute('src')).toMatch(/\/thumbnail\?crop=/);
    const size = await first.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight]);
    expect(size[0]).toBeLessThan(320);
    await screenshot(page, 'explore-patches');

    // A reload keeps the patches view.
    await page.reload();
    await expect.poll(() => tileLabels(page, 'ground_truth'), POLL).toEqual(expected);
  }, 60_000);

  it('the sidebar filters patches: a class narrows the tiles to that class', async () => {
    const { page } = admin;
    await page.goto(`/datasets/${DATASET}?patches=ground_truth`);
    const classes = sidebar(page).getByRole('group', { name: 'ground_truth classes' });
    await classes.getByRole('checkbox', { name: 'dog' }).click();
    const dogs = (await data.dataset.toPatches('ground_truth').values('ground_truth.label')).filter((l) => l === 'dog');
    await expect.poll(() => tileLabels(page, 'ground_truth'), POLL).toEqual(dogs);
    await expect
      .poll(() => page.locator('[data-view-count]').textContent(), POLL)
      .toBe(`${dogs.length} of ${FRAMES + FRAMES / 4} patches`);
    // The sidebar counts patches too, and says so.
    await expect
      .poll(() => sidebar(page).locator('[data-sidebar-count]').textContent(), POLL)
      .toBe(`${dogs.length} of ${FRAMES + FRAMES / 4} patches`);
    expect(await axeViolations(page, 'main')).toEqual([]);
  }, 45_000);

  it('polylines make patches too, and a tile opens the sample it came from', async () => {
    const { page } = admin;
    await page.goto(`/datasets/${DATASET}`);
    await choose(page, PICKER, 'Patches of lanes');
    await expect.poll(async () => (await tileLabels(page, 'lanes')).length, POLL).toBe(FRAMES);
    await grid(page, 'lanes')
      .getByRole('button', { name: `lane in ${frameName(2)}` })
      .click();
    const dialog = page.getByRole('dialog', { name: frameName(2) });
    await dialog.waitFor();
    await expect.poll(() => new URL(page.url()).searchParams.get('sample')).toBeTruthy();
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
    // Back to samples: the grid of samples again.
    await choose(page, PICKER, 'Samples');
    await page.getByRole('list', { name: 'Samples' }).waitFor();
    expect(new URL(page.url()).searchParams.get('patches')).toBeNull();
  }, 45_000);

  it('no page error or console error along the way', () => {
    expect(admin.problems).toEqual([]);
  });
});
