// The sample modal in Chromium against a real `teamset serve`, on SDK-made data with boxes, keypoints and polylines: stepping
// across the grid's page boundary, hover attributes, zoom and pan, tagging a sample and a label, and a VIEW user who cannot tag.
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  field,
  newTrackedContext,
  screenshot,
  skipBrowserSuite,
  toast,
  type TrackedContext,
} from './support/browser.js';
import { axeViolations } from './support/accessibility.js';
import { frameName, startExploreSuite, type ExploreData, type ExploreSuite } from './support/explore-data.js';
import { acceptInvitation, callFromPage, inviteFromTeamPage } from './support/team-flows.js';

/** Answers come from a real server on a busy machine: polls wait as long as locators do. */
const POLL = { timeout: 10_000 };
const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'ada-admin-password' };
const VIEWER = { name: 'Vic Viewer', email: 'vic@example.com', password: 'vic-viewer-password' };
const DATASET = 'walkway';
/** More than one page of the grid (50), so stepping crosses into a page the modal has to ask for. */
const FRAMES = 56;

/** The open modal, once it shows `name`. */
async function modalFor(page: Page, name: string): Promise<Locator> {
  const dialog = page.getByRole('dialog', { name });
  await dialog.waitFor();
  return dialog;
}

/** The zoom layer's CSS transform as numbers: translate(x, y) scale(s). */
async function transformOf(dialog: Locator): Promise<{ x: number; y: number; scale: number }> {
  const text = (await dialog.locator('[data-zoom-layer]').getAttribute('style')) ?? '';
  const match = /translate\((-?[\d.]+)px, (-?[\d.]+)px\) scale\(([\d.]+)\)/.exec(text);
  if (!match) throw new Error(`no transform in ${text}`);
  return { x: Number(match[1]), y: Number(match[2]), scale: Number(match[3]) };
}

async function openFirstFrame(page: Page): Promise<Locator> {
  await page.goto(`/datasets/${DATASET}`);
  await page.getByRole('button', { name: new RegExp(`^Open ${frameName(1).replace('.', '\\.')}`) }).click();
  return modalFor(page, frameName(1));
}

describe.skipIf(skipBrowserSuite())('the sample modal in Chromium against teamset serve', () => {
  let suite: ExploreSuite | undefined;
  let admin: TrackedContext;
  let viewer: TrackedContext;
  let data: ExploreData;

  beforeAll(async () => {
    suite = await startExploreSuite(ADMIN, DATASET, FRAMES);
    ({ admin, data } = suite);
    viewer = await newTrackedContext(suite.browser, suite.server.url);
  }, 90_000);

  afterAll(async () => {
    await suite?.stop();
  });

  it('opens large with every shape field drawn; ←/→ step through the view and past the grid’s first page', async () => {
    const { page } = admin;
    let dialog = await openFirstFrame(page);
    const image = dialog.locator('img').first();
    expect(await image.getAttribute('src')).toMatch(/\/samples\/[0-9a-f]{24}\/media$/);
    await expect
      .poll(() => image.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 15_000 })
      .toBe(320);
    // Frame 1: a person box; the keypoint (two points, the missing third left out) and the lane.
    expect(await dialog.locator('[data-shape-kind="box"]').count()).toBe(1);
    expect(await dialog.locator('[data-shape-kind="box"]').getAttribute('data-shape-label')).toBe('person');
    expect(await dialog.locator('[data-shape-kind="points"] circle').count()).toBe(2);
    expect(await dialog.locator('[data-shape-kind="polyline"] polyline:not([data-hit-area])').count()).toBe(1);
    await dialog.getByText('person 0.60').waitFor();
    const panel = dialog.getByRole('region', { name: 'Sample fields' });
    await panel.getByText(frameName(1)).first().waitFor();
    await panel.getByText('Detections: 1 person').waitFor();
    await panel.getByText('Keypoints: 1 person').waitFor();
    await panel.getByText('Polylines: 1 lane').waitFor();
    expect(await dialog.textContent()).toContain('1 of 50+');
    await screenshot(page, 'sample-modal');
    expect(await axeViolations(page, '[role="dialog"]')).toEqual([]);

    for (let i = 2; i <= 51; i++) {
      await page.keyboard.press('ArrowRight');
      dialog = await modalFor(page, frameName(i));
    }
    // The 51st came from the page the modal asked the grid for: the grid now holds every frame.
    await expect.poll(async () => dialog.textContent(), POLL).toContain(`51 of ${FRAMES}`);
    // Frame 52 has the small dog box too.
    await page.getByRole('button', { name: 'Next sample' }).click();
    dialog = await modalFor(page, frameName(52));
    expect(await dialog.locator('[data-shape-label="dog"]').count()).toBe(1);
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await modalFor(page, frameName(50));
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
  }, 90_000);

  it('hovering a box, a keypoint or a polyline shows its attributes: label, confidence, id and custom ones', async () => {
    const { page } = admin;
    const dialog = await openFirstFrame(page);
    const card = dialog.getByRole('region', { name: 'Label details' });
    const box = dialog.locator('[data-shape-kind="box"]');
    const size = await box.boundingBox();
    if (!size) throw new Error('no box on screen');
    // Inside the box, away from the keypoint drawn over it.
    await box.hover({ position: { x: 8, y: size.height - 8 } });
    await card.getByText('person', { exact: true }).waitFor();
    await card.getByText('Detection in ground_truth').waitFor();
    const id = await box.getAttribute('data-shape-id');
    expect(id).toMatch(/^[0-9a-f]{24}$/);
    const text = (await card.textContent()) ?? '';
    expect(text).toContain(`id${id}`);
    expect(text).toContain('confidence0.6');
    expect(text).toContain('iscrowd1');

    await dialog.locator('[data-shape-kind="points"] circle').first().hover();
    await card.getByText('Keypoint in pose').waitFor();

    // A point on the lane's first segment: a quarter of the way across, between y = 0.95 and 0.75.
    const picture = await dialog.locator('[data-shape-kind="polyline"]').evaluate((g) => {
      const svg = g.closest('svg')?.getBoundingClientRect();
      return svg ? { x: svg.x, y: svg.y, width: svg.width, height: svg.height } : undefined;
    });
    if (!picture) throw new Error('no overlay on screen');
    await page.mouse.move(picture.x + picture.width * 0.25, picture.y + picture.height * 0.85);
    await card.getByText('Polyline in lanes').waitFor();
    await card.getByText('lane', { exact: true }).waitFor();
  }, 30_000);

  it('zooms with the buttons and the wheel, and pans by dragging', async () => {
    const { page } = admin;
    const dialog = page.getByRole('dialog', { name: frameName(1) });
    expect(await transformOf(dialog)).toEqual({ x: 0, y: 0, scale: 1 });
    await dialog.getByRole('button', { name: 'Zoom in' }).click();
    expect((await transformOf(dialog)).scale).toBeCloseTo(1.25);
    await dialog.getByText('125%').waitFor();

    const stage = await dialog.locator('[data-modal-stage]').boundingBox();
    if (!stage) throw new Error('no stage on screen');
    // Near the right edge, clear of the labels: zooming there keeps that point under the cursor.
    const at = { x: stage.x + stage.width * 0.9, y: stage.y + stage.height * 0.5 };
    const before = await transformOf(dialog);
    await page.mouse.move(at.x, at.y);
    await page.mouse.wheel(0, -100);
    await expect.poll(async () => (await transformOf(dialog)).scale, POLL).toBeCloseTo(1.5625);
    const zoomed = await transformOf(dialog);
    const local = (at.x - stage.x - before.x) / before.scale;
    expect(zoomed.x + zoomed.scale * local).toBeCloseTo(at.x - stage.x, 0);

    await page.mouse.down();
    await page.mouse.move(at.x - 40, at.y - 30, { steps: 5 });
    await page.mouse.move(at.x - 80, at.y - 40, { steps: 5 });
    await page.mouse.up();
    const panned = await transformOf(dialog);
    expect(panned.scale).toBeCloseTo(1.5625);
    expect(panned.x).toBeCloseTo(zoomed.x - 80, 0);
    expect(panned.y).toBeCloseTo(zoomed.y - 40, 0);

    await dialog.getByRole('button', { name: 'Reset zoom' }).click();
    expect(await transformOf(dialog)).toEqual({ x: 0, y: 0, scale: 1 });
  }, 30_000);

  it('tags the sample and a picked label (TAG), untags the sample; the SDK sees it', async () => {
    const { page } = admin;
    const dialog = page.getByRole('dialog', { name: frameName(1) });
    const panel = dialog.getByRole('region', { name: 'Sample fields' });
    await field(dialog, 'Tag for the sample').fill('reviewed');
    await dialog.getByRole('button', { name: 'Tag sample' }).click();
    await toast(page, 'Tagged the sample “reviewed”');
    await panel.getByRole('button', { name: 'Remove tag reviewed' }).waitFor();
    expect(await data.dataset.matchTags('reviewed').count()).toBe(1);
    expect((await data.dataset.matchTags('reviewed').first())?.filepath).toContain(frameName(1));

    const box = dialog.locator('[data-shape-kind="box"]');
    const size = await box.boundingBox();
    if (!size) throw new Error('no box on screen');
    await box.click({ position: { x: 8, y: size.height - 8 } });
    expect(await box.getAttribute('aria-pressed')).toBe('true');
    await page.mouse.move(0, 0);
    await field(dialog, 'Tag for the label').fill('occluded');
    await dialog.getByRole('button', { name: 'Tag label' }).click();
    await toast(page, 'Tagged the label “occluded”');
    const card = dialog.getByRole('region', { name: 'Label details' });
    await card.getByRole('group', { name: 'Label tags' }).getByText('occluded').waitFor();
    // Only that one label: not the keypoint or the lane of the sample, nor any other sample's box.
    expect(await data.dataset.countLabelTags()).toEqual({ occluded: 1 });
    expect(await data.dataset.countLabelTags('ground_truth')).toEqual({ occluded: 1 });

    await panel.getByRole('button', { name: 'Remove tag reviewed' }).click();
    await toast(page, 'Removed “reviewed” from the sample');
    await expect.poll(() => data.dataset.matchTags('reviewed').count(), POLL).toBe(0);
    await page.keyboard.press('Escape');
  }, 30_000);

  it('a VIEW user sees the modal without tag controls, and the server refuses their tag request', async () => {
    const url = await inviteFromTeamPage(admin.page, VIEWER.email, 'Member');
    await acceptInvitation(viewer, url, VIEWER);
    const granted = await callFromPage(admin.page, 'PUT', `/api/v1/datasets/${DATASET}/permissions/default`, {
      permission: 'VIEW',
    });
    expect(granted.status).toBe(200);

    const { page } = viewer;
    const dialog = await openFirstFrame(page);
    await dialog.getByRole('region', { name: 'Sample fields' }).getByText('day').waitFor();
    expect(await dialog.getByRole('button', { name: 'Tag sample' }).count()).toBe(0);
    expect(await dialog.getByRole('button', { name: /^Remove tag/ }).count()).toBe(0);
    await dialog.locator('[data-shape-kind="box"]').click({ position: { x: 8, y: 8 } });
    await dialog.getByRole('region', { name: 'Label details' }).getByText('Detection in ground_truth').waitFor();
    expect(await dialog.getByRole('button', { name: 'Tag label' }).count()).toBe(0);

    const refused = await callFromPage(page, 'POST', `/api/v1/datasets/${DATASET}/tags/add`, { tags: ['sneaky'] });
    expect(refused.status).toBe(403);
    expect(await data.dataset.matchTags('sneaky').count()).toBe(0);
  }, 60_000);

  it('no page error or console error along the way', () => {
    expect(admin.problems).toEqual([]);
    expect(viewer.problems).toEqual([]);
  });
});
