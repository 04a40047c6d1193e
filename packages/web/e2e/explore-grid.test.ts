// The explore view's endless grid in Chromium against a real `teamset serve`: virtualized scrolling over the keyset
// cursor, the size slider, selection (click, shift-click, all in view), tagging with counts, a VIEW user without tag
// controls, and the thumbnail states (placeholder until loaded, the reason on the tile, offscreen requests cancelled).
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jpeg from 'jpeg-js';
import type { Browser, Page, Request, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  field,
  launchBrowser,
  newTrackedContext,
  screenshot,
  skipBrowserSuite,
  toast,
  type TrackedContext,
} from './support/browser.js';
import { acceptInvitation, callFromPage, inviteFromTeamPage, setUpFirstAdmin } from './support/team-flows.js';
import { startTeamset, type TeamsetProcess } from './support/teamset-process.js';

const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'ada-admin-password' };
const VIEWER = { name: 'Vic Viewer', email: 'vic@example.com', password: 'vic-viewer-password' };
const DATASET = 'street';
const COUNT = 400;

/** A small picture: a coloured block where its one detection is, the shade changing with `i` so tiles differ. */
function picture(i: number): Buffer {
  const width = 64;
  const height = 48;
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const inBox = x >= 16 && x < 40 && y >= 12 && y < 36;
      data.set(inBox ? [200, 60, 50, 255] : [90 + (i % 100), 140, 200, 255], (y * width + x) * 4);
    }
  return jpeg.encode({ width, height, data }, 80).data;
}

const nameOf = (i: number) => `img-${String(i).padStart(4, '0')}.jpg`;

/** The grid's scroll container, and how many tiles exist in the DOM right now. */
const scroller = (page: Page) => page.locator('[data-grid-scroller]');
const tiles = (page: Page) => page.getByRole('list', { name: 'Samples' }).getByRole('listitem');
const tile = (page: Page, i: number) => tiles(page).filter({ hasText: nameOf(i) });
const isThumbnail = (url: string) => /\/samples\/[0-9a-f]{24}\/thumbnail$/.test(url);
/** One matcher for page.route and page.unroute: unroute removes only the route of the very same function. */
const thumbnailRoute = (url: URL) => isThumbnail(url.pathname);

describe.skipIf(skipBrowserSuite())('the explore grid in Chromium against teamset serve', () => {
  let server: TeamsetProcess;
  let browser: Browser;
  let admin: TrackedContext;
  let viewer: TrackedContext;
  let media: string;

  beforeAll(async () => {
    media = realpathSync(mkdtempSync(join(tmpdir(), 'teamset-e2e-grid-')));
    for (let i = 0; i < COUNT; i++) if (i !== 1) writeFileSync(join(media, nameOf(i)), picture(i));
    // Sample 2's file is not a picture at all.
    writeFileSync(join(media, nameOf(2)), 'not a jpeg');
    server = await startTeamset();
    browser = await launchBrowser();
    admin = await newTrackedContext(browser, server.url);
    await setUpFirstAdmin(admin.page, server.setupToken, ADMIN);
    const { page } = admin;
    expect((await callFromPage(page, 'PUT', '/api/v1/organization/media-roots', { roots: [media] })).status).toBe(200);
    expect((await callFromPage(page, 'POST', '/api/v1/datasets', { name: DATASET })).status).toBe(201);
    const samples = Array.from({ length: COUNT }, (_, i) => ({
      // Sample 1's file does not exist; sample 3 lies outside every media root.
      filepath: i === 3 ? `/nowhere/${nameOf(i)}` : join(media, nameOf(i)),
      tags: i % 2 ? ['odd'] : [],
      metadata: { width: 64, height: 48 },
      ground_truth: {
        _cls: 'Detections',
        detections: [{ _cls: 'Detection', label: 'motorcycle', bounding_box: [0.25, 0.25, 0.375, 0.5] }],
      },
    }));
    const added = await callFromPage(page, 'POST', `/api/v1/datasets/${DATASET}/samples`, { samples });
    expect(added.status, JSON.stringify(added.body)).toBe(201);
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (media) rmSync(media, { recursive: true, force: true });
  });

  it('scrolling loads the next pages through the cursor while only the rows on screen are in the DOM', async () => {
    const { page } = admin;
    const queries: string[] = [];
    page.on('request', (request: Request) => {
      if (request.method() === 'POST' && request.url().endsWith(`/datasets/${DATASET}/samples/query`))
        queries.push(request.postData() ?? '');
    });
    await page.goto(`/datasets/${DATASET}`);
    await tile(page, 0).waitFor();
    const first = tiles(page).count();
    expect(await first).toBeLessThan(80);
    const status = page.locator('[data-grid-status]');
    for (let step = 0; step < 60 && !(await tile(page, COUNT - 1).isVisible()); step++) {
      await scroller(page).evaluate((el) => el.scrollTo(0, el.scrollHeight));
      await page.waitForTimeout(300);
      // Never the whole view in the DOM: the virtualizer keeps the rows near the screen.
      expect(await tiles(page).count()).toBeLessThan(120);
    }
    expect(`${queries.length} queries, ${await status.textContent()}`).toBe(
      `${queries.length} queries, ${COUNT} samples`,
    );
    await tile(page, COUNT - 1).waitFor();
    // Pages of the keyset cursor: the first without `after`, the next ones each with the cursor the last one gave.
    expect(queries.length).toBeGreaterThanOrEqual(Math.ceil(COUNT / 50));
    expect(JSON.parse(queries[0] ?? '{}')).not.toHaveProperty('after');
    expect(JSON.parse(queries[1] ?? '{}')).toHaveProperty('after');
    await tile(page, 0).waitFor({ state: 'detached' });
    await scroller(page).evaluate((el) => el.scrollTo(0, 0));
    await tile(page, 0).waitFor();
  }, 60_000);

  it('the size slider changes how many tiles a row holds, and is remembered', async () => {
    const { page } = admin;
    const rowOf = async () => {
      const boxes = await tiles(page).evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top));
      const top = Math.min(...boxes);
      return boxes.filter((t) => Math.abs(t - top) < 2).length;
    };
    const before = await rowOf();
    const slider = page.getByRole('slider', { name: 'Thumbnail size' });
    await slider.focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowRight');
    await expect.poll(rowOf).toBeLessThan(before);
    const larger = await rowOf();
    await page.reload();
    await tile(page, 0).waitFor();
    expect(await rowOf()).toBe(larger);
    // A large tile shows label names without hovering; back to small ones for the next steps.
    await tile(page, 0).locator('[data-label-name="motorcycle"]').waitFor();
    await slider.focus();
    await page.keyboard.press('Home');
    await expect.poll(rowOf).toBeGreaterThan(before);
  }, 30_000);

  it('thumbnails: a placeholder until the image has loaded (boxes only then), and the reason on a tile without one', async () => {
    const { page } = admin;
    // Hold every thumbnail until released, to see the tile before its image arrives.
    const held: Route[] = [];
    await page.route(thumbnailRoute, (route) => void held.push(route));
    await page.reload();
    const waiting = tile(page, 4);
    await waiting.locator('[data-image-placeholder]').waitFor();
    expect(await waiting.locator('[data-image-state]').getAttribute('data-image-state')).toBe('loading');
    expect(await waiting.locator('[data-box-label]').count()).toBe(0);
    await page.unroute(thumbnailRoute);
    for (const route of held.splice(0)) await route.continue().catch(() => {});
    await waiting.locator('[data-image-state="loaded"]').waitFor();
    expect(await waiting.locator('[data-box-label="motorcycle"]').count()).toBe(1);
    expect(await waiting.locator('[data-image-placeholder]').count()).toBe(0);
    // Small tiles: the name shows on hover only, whole inside the picture (the box is narrower than "motorcycle").
    expect(await waiting.locator('[data-label-name]').count()).toBe(0);
    await waiting.hover();
    const name = waiting.locator('[data-label-name="motorcycle"]');
    await name.waitFor();
    const [label, frame] = await Promise.all([name.boundingBox(), waiting.locator('img').boundingBox()]);
    if (!label || !frame) throw new Error('no layout');
    expect(label.x).toBeGreaterThanOrEqual(frame.x - 0.5);
    expect(label.x + label.width).toBeLessThanOrEqual(frame.x + frame.width + 0.5);
    expect(await name.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);

    const missing = tile(page, 1).locator('[data-media-unavailable="missing"]');
    await missing.getByText('File missing').waitFor();
    // Admins get the way to the fix; a VIEW user (below) does not.
    await missing.getByRole('link', { name: 'Media roots' }).waitFor();
    await tile(page, 2).getByText('Unreadable image').waitFor();
    await tile(page, 3).getByText('No media root covers this file').waitFor();
    for (const i of [1, 2, 3]) expect(await tile(page, i).locator('[data-box-label]').count()).toBe(0);
    await page.mouse.move(0, 0);
    await screenshot(page, 'explore-grid-thumbnail-states');
  }, 30_000);

  it('thumbnail requests of rows scrolled away are cancelled', async () => {
    const { page } = admin;
    await page.reload();
    await tile(page, 0).waitFor();
    // Slow thumbnails: still in flight when their rows leave the screen.
    await page.route(thumbnailRoute, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue().catch(() => {});
    });
    const cancelled: string[] = [];
    const onFailed = (request: Request) => {
      if (isThumbnail(new URL(request.url()).pathname) && /ABORTED|cancel/i.test(request.failure()?.errorText ?? ''))
        cancelled.push(request.url());
    };
    page.on('requestfailed', onFailed);
    for (let step = 0; step < 6; step++) {
      await scroller(page).evaluate((el) => el.scrollBy(0, el.clientHeight * 3));
      await page.waitForTimeout(200);
    }
    await expect.poll(() => cancelled.length, { timeout: 10_000 }).toBeGreaterThan(5);
    page.off('requestfailed', onFailed);
    await page.unroute(thumbnailRoute);
    await scroller(page).evaluate((el) => el.scrollTo(0, 0));
  }, 30_000);

  it('click, shift-click for a range, select all in view, and clear', async () => {
    const { page } = admin;
    await page.reload();
    await tile(page, 0).waitFor();
    const status = page.locator('[data-grid-status]');
    await page.getByRole('checkbox', { name: `Select ${nameOf(4)}` }).click();
    await status.getByText('1 selected').waitFor();
    await page.getByRole('checkbox', { name: `Select ${nameOf(9)}` }).click({ modifiers: ['Shift'] });
    await status.getByText('6 selected').waitFor();
    for (const i of [4, 5, 6, 7, 8, 9]) expect(await tile(page, i).getAttribute('data-selected')).toBe('true');
    expect(await tile(page, 3).getAttribute('data-selected')).toBeNull();
    // Shift-click on a selected one unselects the range from the last click.
    await page.getByRole('checkbox', { name: `Select ${nameOf(7)}` }).click({ modifiers: ['Shift'] });
    await status.getByText('3 selected').waitFor();
    expect(await tile(page, 7).getAttribute('data-selected')).toBeNull();
    await page.getByRole('button', { name: 'Select all in view' }).click();
    await status.getByText('Every sample in the view is selected').waitFor();
    expect(await page.getByRole('checkbox', { name: `Select ${nameOf(0)}` }).isChecked()).toBe(true);
    await page.getByRole('button', { name: 'Clear selection' }).click();
    await status.getByText(/samples$/).waitFor();
    expect(await page.locator('[data-selected]').count()).toBe(0);
  }, 30_000);

  it('tags the selected samples, the counts update, and untags them', async () => {
    const { page } = admin;
    await page.getByRole('checkbox', { name: `Select ${nameOf(10)}` }).click();
    await page.getByRole('checkbox', { name: `Select ${nameOf(12)}` }).click({ modifiers: ['Shift'] });
    await page.getByRole('button', { name: 'Tag', exact: true }).click();
    const popover = page.locator('[data-tag-popover]');
    await popover.waitFor();
    // Samples 10–12: one of them (11) is odd.
    await popover.locator('[data-tag-count="odd"]').getByText('1').waitFor();
    await field(popover, 'Add tags').fill('reviewed, hard');
    await popover.getByRole('button', { name: 'Add' }).click();
    await toast(page, 'Tagged 3 samples');
    await popover.locator('[data-tag-count="reviewed"]').getByText('3').waitFor();
    await popover.locator('[data-tag-count="hard"]').getByText('3').waitFor();
    // The grid reloaded: the tiles show their new tag.
    await tile(page, 10).getByText('reviewed').waitFor();
    const counts = await callFromPage<{ counts: Record<string, number> }>(
      page,
      'POST',
      `/api/v1/datasets/${DATASET}/tags/count`,
      {},
    );
    expect(counts.body.counts).toMatchObject({ reviewed: 3, hard: 3, odd: COUNT / 2 });
    await screenshot(page, 'explore-grid-tagging');
    await popover.getByRole('button', { name: 'Remove tag hard' }).click();
    await toast(page, 'Untagged 3 samples');
    await popover.locator('[data-tag-count="hard"]').waitFor({ state: 'detached' });
    // Their labels in the visible field: each of the 3 samples has one detection.
    await popover.getByText('Labels', { exact: true }).click();
    await popover.getByText('No tags yet.').waitFor();
    await field(popover, 'Add tags').fill('checked');
    await popover.getByRole('button', { name: 'Add' }).click();
    await toast(page, 'Tagged labels of 3 samples');
    await popover.locator('[data-tag-count="checked"]').getByText('3').waitFor();
    const labelCounts = await callFromPage<{ counts: Record<string, number> }>(
      page,
      'POST',
      `/api/v1/datasets/${DATASET}/tags/count`,
      { labels: true },
    );
    expect(labelCounts.body.counts).toEqual({ checked: 3 });
    await popover.getByText('Samples', { exact: true }).click();
    await page.keyboard.press('Escape');
  }, 30_000);

  it('tags the whole view in one request that reports its progress', async () => {
    const { page } = admin;
    const tagRequests: string[] = [];
    const polls: string[] = [];
    page.on('request', (request: Request) => {
      if (request.url().includes('/tags/add')) tagRequests.push(request.postData() ?? '');
      if (request.url().includes('/tags/progress/')) polls.push(request.url());
    });
    await page.getByRole('button', { name: 'Clear selection' }).click();
    await page.getByRole('button', { name: 'Select all in view' }).click();
    await page.getByRole('button', { name: 'Tag', exact: true }).click();
    const popover = page.locator('[data-tag-popover]');
    await field(popover, 'Add tags').fill('batch');
    await popover.getByRole('button', { name: 'Add' }).click();
    await toast(page, `Tagged ${COUNT} samples`);
    await popover.locator('[data-tag-count="batch"]').getByText(String(COUNT)).waitFor();
    expect(tagRequests).toHaveLength(1);
    const body = JSON.parse(tagRequests[0] ?? '{}') as { view: { stages: unknown[] }; progress: string };
    // The whole view, not a list of ids; and a token to poll its progress by.
    expect(body.view.stages).toEqual([]);
    expect(body.progress).toMatch(/^[0-9a-f]{24}$/);
    const progress = await callFromPage(page, 'GET', `/api/v1/datasets/${DATASET}/tags/progress/${body.progress}`);
    expect(progress.body).toEqual({ state: 'finished', done: COUNT, total: COUNT });
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: 'Clear selection' }).click();
  }, 30_000);

  it('a VIEW user sees no tag controls and the server refuses tagging anyway', async () => {
    const url = await inviteFromTeamPage(admin.page, VIEWER.email, 'Guest');
    viewer = await newTrackedContext(browser, server.url);
    await acceptInvitation(viewer, url, VIEWER);
    const granted = await callFromPage(
      admin.page,
      'PUT',
      `/api/v1/datasets/${DATASET}/permissions/users/${encodeURIComponent(VIEWER.email)}`,
      { permission: 'VIEW' },
    );
    expect(granted.status, JSON.stringify(granted.body)).toBe(200);
    const { page } = viewer;
    await page.goto(`/datasets/${DATASET}`);
    await tile(page, 0).waitFor();
    expect(await page.getByRole('button', { name: 'Tag', exact: true }).count()).toBe(0);
    // No way to fix media roots for them either.
    await tile(page, 1).getByText('File missing').waitFor();
    expect(await tile(page, 1).getByRole('link', { name: 'Media roots' }).count()).toBe(0);
    const refused = await callFromPage(page, 'POST', `/api/v1/datasets/${DATASET}/tags/add`, { tags: ['sneaky'] });
    expect(refused.status).toBe(403);
    expect((await callFromPage(page, 'GET', `/api/v1/datasets/${DATASET}/tags/progress/some-token`)).status).toBe(403);
  }, 45_000);

  it('no page error or console error along the way', () => {
    expect(admin.problems).toEqual([]);
    expect(viewer?.problems ?? []).toEqual([]);
  });
});
