// The explore view's sidebar, view bar and saved views in Chromium against a real `teamset serve`, on a dataset made through the SDK:
// filters narrow the grid and the counts (which equal the SDK's), chips remove them, the URL keeps the place, saved views follow permissions.
import { mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CreatedApiKey, Stage } from '@teamset/contract';
import jpeg from 'jpeg-js';
import { ApiConnection, F, ManagementClient, createDataset, type Dataset, type DatasetView } from '@teamset/sdk';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  dragThumb,
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

/** The sidebar's filters as the URL carries them (base64url JSON), in the test's own words. */
interface Filters {
  sampleTags?: string[];
  labels?: Record<string, { classes?: string[]; confidence?: [number, number]; mode?: 'samples' }>;
  fields?: Record<string, { kind: 'values'; values: string[] }>;
}
const encodeFilters = (filters: Filters) => Buffer.from(JSON.stringify(filters)).toString('base64url');
function filtersOf(page: Page): Filters {
  const param = new URL(page.url()).searchParams.get('filters');
  return param ? (JSON.parse(Buffer.from(param, 'base64url').toString()) as Filters) : {};
}

const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'ada-admin-password' };
const VIEWER = { name: 'Vic Viewer', email: 'vic@example.com', password: 'vic-viewer-password' };
const DATASET = 'street';
const CLASSES = ['car', 'person', 'dog', 'bike'];
const TAGS = ['day', 'night', 'rain'];
const SAMPLE_COUNT = 60;

/** A small deterministic generator, so a failing run can be replayed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

type Box = [number, number, number, number];
const COLORS: Record<string, [number, number, number]> = {
  car: [40, 80, 180],
  person: [214, 72, 60],
  dog: [150, 110, 60],
  bike: [47, 158, 68],
};

/** A small street picture: sky, road, and a coloured block where each labelled object is. */
function paint(objects: Array<{ label: string; bounding_box: Box }>): Buffer {
  const [width, height] = [320, 240];
  const data = Buffer.alloc(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let pixel: [number, number, number] = y < height * 0.55 ? [130, 180, 225] : [90, 92, 96];
      for (const {
        label,
        bounding_box: [bx, by, bw, bh],
      } of objects)
        if (x >= bx * width && x < (bx + bw) * width && y >= by * height && y < (by + bh) * height)
          pixel = COLORS[label] ?? pixel;
      data.set([...pixel, 255], (y * width + x) * 4);
    }
  }
  return jpeg.encode({ width, height, data }, 80).data;
}

/** The samples, their pictures written to `media`. */
function samples(media: string) {
  const next = random(7);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  return Array.from({ length: SAMPLE_COUNT }, (_, i) => {
    const detections = Array.from({ length: Math.floor(next() * 4) }, (_, k) => ({
      _cls: 'Detection',
      label: pick(CLASSES),
      bounding_box: [0.05 + k * 0.24, 0.45, 0.2, 0.3] as Box,
      confidence: Math.round(next() * 100) / 100,
    }));
    const filepath = join(media, `street-${String(i).padStart(3, '0')}.jpg`);
    writeFileSync(filepath, paint(detections));
    return {
      filepath,
      tags: TAGS.filter(() => next() < 0.4),
      metadata: { width: 640, height: 480 },
      uniqueness: Math.round(next() * 1000) / 1000,
      camera: pick(['front', 'rear', 'side']),
      weather: { _cls: 'Classification', label: pick(['sunny', 'cloudy']), confidence: Math.round(next() * 100) / 100 },
      ground_truth: { _cls: 'Detections', detections },
    };
  });
}

const sidebar = (page: Page) => page.getByRole('complementary', { name: 'Filters' });
const classes = (page: Page) => sidebar(page).getByRole('group', { name: 'ground_truth classes' });

/** The sidebar's "N of M samples" once no request is in flight. */
async function settledCount(page: Page): Promise<string> {
  await sidebar(page).getByLabel('Updating counts').waitFor({ state: 'hidden' });
  return (await sidebar(page).locator('[data-sidebar-count]').textContent()) ?? '';
}

async function countOf(scope: Locator, value: string): Promise<number> {
  const text = (await scope.locator(`[data-count-for="${value}"]`).first().textContent()) ?? '';
  return Number(text.replace(/[^0-9]/g, ''));
}

describe.skipIf(skipBrowserSuite())('the explore sidebar, view bar and saved views in Chromium', () => {
  let server: TeamsetProcess;
  let browser: Browser;
  let admin: TrackedContext;
  let viewer: TrackedContext;
  let dataset: Dataset;
  let media: string;

  /** The view the page shows: the stages its view bar carries (what the grid and the counts were asked for). */
  async function viewOf(page: Page): Promise<DatasetView> {
    const stages = await page.getByRole('region', { name: 'View' }).getAttribute('data-stages');
    return dataset.view({ stages: JSON.parse(stages ?? '[]') as Stage[] });
  }

  /** Polls until the sidebar has settled on the view in the view bar, then compares its numbers with the SDK's for that view. */
  async function expectCountsMatchSdk(page: Page): Promise<void> {
    let view: DatasetView = dataset;
    let expected = '';
    await expect
      .poll(
        async () => {
          view = await viewOf(page);
          expected = `${await view.count()} of ${await dataset.count()} samples`;
          return (await settledCount(page)) === expected;
        },
        { timeout: 15_000 },
      )
      .toBe(true);
    const [labels, tags] = await Promise.all([
      view.countValues('ground_truth.detections.label'),
      view.countValues('tags'),
    ]);
    expect(await settledCount(page)).toBe(expected);
    for (const name of CLASSES) expect(await countOf(classes(page), name), name).toBe(labels.get(name) ?? 0);
    const sampleTags = sidebar(page).getByRole('group', { name: 'Sample tags' });
    for (const tag of TAGS) expect(await countOf(sampleTags, tag), tag).toBe(tags.get(tag) ?? 0);
  }

  beforeAll(async () => {
    media = realpathSync(mkdtempSync(join(tmpdir(), 'teamset-e2e-street-')));
    server = await startTeamset();
    browser = await launchBrowser();
    admin = await newTrackedContext(browser, server.url);
    viewer = await newTrackedContext(browser, server.url);
    await setUpFirstAdmin(admin.page, server.setupToken, ADMIN);
    const key = await callFromPage<CreatedApiKey>(admin.page, 'POST', '/api/v1/keys', { name: 'explore-e2e' });
    expect(key.status).toBe(201);
    const connection = new ApiConnection({ apiUri: server.url, apiKey: key.body.key, maxAttempts: 1 });
    const management = new ManagementClient({ apiUri: server.url, apiKey: key.body.key, maxAttempts: 1 });
    await management.setMediaRoots([media]);
    dataset = await createDataset(DATASET, {}, connection);
    await dataset.addSamples(samples(media));
    // Label tags for the sidebar's label tag filter: confident dogs, and sunny weather, to review.
    await dataset
      .filterLabels('ground_truth', F('label').eq('dog').and(F('confidence').gt(0.5)))
      .tagLabels('review', 'ground_truth');
    await dataset.filterLabels('weather', F('label').eq('sunny')).tagLabels('review', 'weather');

    const url = await inviteFromTeamPage(admin.page, VIEWER.email, 'Collaborator');
    await acceptInvitation(viewer, url, VIEWER);
    await management.setDatasetDefaultPermission(DATASET, 'NO_ACCESS');
    await management.setDatasetUserPermission(DATASET, VIEWER.email, 'VIEW');
  }, 90_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (media) rmSync(media, { recursive: true, force: true });
  });

  it('the sidebar lists tags, classes and fields with exact counts', async () => {
    const { page } = admin;
    await page.goto(`/datasets/${DATASET}`);
    await expect.poll(() => settledCount(page)).toBe(`${SAMPLE_COUNT} of ${SAMPLE_COUNT} samples`);
    await expectCountsMatchSdk(page);
    await sidebar(page).getByRole('region', { name: 'camera' }).waitFor();
    await sidebar(page).getByRole('region', { name: 'uniqueness' }).waitFor();
    // The picture shows the thumbnails, not their loading state.
    await expect
      .poll(
        () =>
          page
            .getByRole('list', { name: 'Samples' })
            .locator('img')
            .evaluateAll((images) =>
              images
                .slice(0, 15)
                .every((img) => (img as HTMLImageElement).complete && (img as HTMLImageElement).naturalWidth > 0),
            ),
        { timeout: 15_000 },
      )
      .toBe(true);
    await screenshot(page, 'explore-sidebar');
  }, 30_000);

  it('clicking a class narrows the grid and the counts; only that class is drawn', async () => {
    const { page } = admin;
    await classes(page).getByRole('checkbox', { name: 'car' }).click();
    await page.getByRole('region', { name: 'View' }).locator('[data-view-chip="ground_truth: car"]').waitFor();
    await expectCountsMatchSdk(page);
    const cars = await dataset.filterLabels('ground_truth', F('label').isIn(['car'])).count();
    await expect.poll(() => page.locator('[data-view-count]').textContent()).toBe(`${cars} of ${SAMPLE_COUNT} samples`);
    expect(await countOf(classes(page), 'dog')).toBe(0);
    const grid = page.getByRole('list', { name: 'Samples' });
    await grid.getByRole('listitem').first().waitFor();
    expect(await grid.getByRole('listitem').count()).toBeLessThanOrEqual(cars);
    await expect.poll(() => grid.locator('[data-box-label="car"]').count(), { timeout: 15_000 }).toBeGreaterThan(0);
    expect(await grid.locator('[data-box-label]:not([data-box-label="car"])').count()).toBe(0);
  }, 30_000);

  it('the confidence range narrows the labels; its histogram sits over the slider', async () => {
    const { page } = admin;
    const section = sidebar(page).getByRole('region', { name: 'ground_truth' });
    expect(await section.locator('[data-histogram-for="ground_truth confidence"] > div').count()).toBeGreaterThan(0);
    await dragThumb(page, section, 'ground_truth confidence minimum', 0.5);
    await page.locator('[data-view-chip^="ground_truth: car, confidence 0."]').waitFor();
    const filters = filtersOf(page);
    const [min, max] = filters.labels?.ground_truth?.confidence ?? [0, 0];
    expect(min).toBeGreaterThan(0.3);
    expect(min).toBeLessThan(0.7);
    expect(max).toBe(1);
    await expectCountsMatchSdk(page);
    await screenshot(page, 'explore-filtered');
  }, 30_000);

  it('a sample tag filters samples; chips remove their filter; back and forward and reload keep the place', async () => {
    const { page } = admin;
    await sidebar(page).getByRole('group', { name: 'Sample tags' }).getByRole('checkbox', { name: 'night' }).click();
    const bar = page.getByRole('region', { name: 'View' });
    await bar.locator('[data-view-chip="tags: night"]').waitFor();
    await expectCountsMatchSdk(page);
    const before = page.url();

    await bar.getByRole('button', { name: /^Remove ground_truth: car, confidence/ }).click();
    await bar.locator('[data-view-chip^="ground_truth:"]').waitFor({ state: 'detached' });
    expect(await classes(page).getByRole('checkbox', { name: 'car' }).isChecked()).toBe(false);
    await expectCountsMatchSdk(page);
    expect(filtersOf(page)).toEqual({ sampleTags: ['night'] });

    await page.goBack();
    await bar.locator('[data-view-chip^="ground_truth: car"]').waitFor();
    expect(page.url()).toBe(before);
    await page.goForward();
    await bar.locator('[data-view-chip^="ground_truth:"]').waitFor({ state: 'detached' });
    await page.reload();
    await bar.locator('[data-view-chip="tags: night"]').waitFor();
    await expectCountsMatchSdk(page);
  }, 30_000);

  it('a label tag keeps the tagged labels of every label field', async () => {
    const { page } = admin;
    const bar = page.getByRole('region', { name: 'View' });
    await bar.getByRole('button', { name: 'Remove tags: night' }).click();
    await expect.poll(() => settledCount(page)).toBe(`${SAMPLE_COUNT} of ${SAMPLE_COUNT} samples`);
    const labelTags = sidebar(page).getByRole('group', { name: 'Label tags' });
    const tagged = await dataset.countLabelTags();
    expect(await countOf(labelTags, 'review')).toBe(tagged.review);
    await labelTags.getByRole('checkbox', { name: 'review' }).click();
    await bar.locator('[data-view-chip="label tags: review"]').waitFor();
    await expectCountsMatchSdk(page);
    const view = await viewOf(page);
    expect([...(await view.countValues('ground_truth.detections.label')).keys()]).toEqual(['dog']);
    expect(await countOf(labelTags, 'review')).toBe(tagged.review);
    expect([...(await view.countValues('weather.label')).keys()].filter((k) => k !== null)).toEqual(['sunny']);
    await bar.getByRole('button', { name: 'Remove label tags: review' }).click();
    await bar.locator('[data-view-chip]').first().waitFor({ state: 'detached' });
  }, 30_000);

  it('the open sample is in the URL: reload reopens it, back closes it', async () => {
    const { page } = admin;
    await page
      .getByRole('button', { name: /^Open street-/ })
      .first()
      .click();
    await page.waitForURL(/[?&]sample=[0-9a-f]{24}/);
    const opened = new URL(page.url()).searchParams.get('sample');
    await page.getByRole('dialog', { name: /^street-\d+\.jpg$/ }).waitFor();
    await page.reload();
    await page.getByRole('dialog', { name: /^street-\d+\.jpg$/ }).waitFor();
    expect(new URL(page.url()).searchParams.get('sample')).toBe(opened);
    await page.goBack();
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    expect(new URL(page.url()).searchParams.get('sample')).toBeNull();
    await page.goForward();
    await page.getByRole('dialog').waitFor();
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    expect(new URL(page.url()).searchParams.get('sample')).toBeNull();
    // Back to the tag filter the next tests start from.
    await sidebar(page).getByRole('group', { name: 'Sample tags' }).getByRole('checkbox', { name: 'night' }).click();
    await page.locator('[data-view-chip="tags: night"]').waitFor();
  }, 30_000);

  it('"Copy as code" shows the view as SDK calls', async () => {
    const { page } = admin;
    await admin.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.getByRole('button', { name: 'Copy as code' }).click();
    const dialog = page.getByRole('dialog', { name: 'This view as SDK code' });
    await dialog.getByText('Copied to the clipboard.').waitFor();
    const code = (await dialog.locator('[data-copy-value]').textContent()) ?? '';
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(code);
    expect(code).toContain(`await loadDataset("${DATASET}")`);
    expect(code).toContain('.matchTags(["night"])');
    await page.keyboard.press('Escape');
    await dialog.waitFor({ state: 'hidden' });
  }, 20_000);

  it('a saved view: save with a description, its link opens it for a VIEW teammate, who cannot save and is refused by the server', async () => {
    const { page } = admin;
    await classes(page).getByRole('checkbox', { name: 'person' }).click();
    await page.locator('[data-view-chip="ground_truth: person"]').waitFor();
    await page.getByRole('button', { name: 'Saved views' }).click();
    await page.getByRole('menuitem', { name: 'Save view as…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Save view' });
    await field(dialog, 'Name').fill('Night people');
    await field(dialog, 'Description').fill('People at night, for review');
    await field(dialog, 'Color').fill('#2f9e44');
    await field(dialog, 'Name').click(); // closes the colour picker's dropdown
    await dialog.getByRole('button', { name: 'Save view' }).click();
    await toast(page, 'View saved as “Night people”');
    await page.waitForURL(/[?&]view=night-people/);
    await page.locator('[data-view-chip="view: Night people"]').waitFor();
    expect(new URL(page.url()).searchParams.get('filters')).toBeNull();
    expect(await dataset.getSavedViewInfo('Night people')).toMatchObject({
      description: 'People at night, for review',
      color: '#2f9e44',
    });
    const saved = await dataset.loadSavedView('Night people');
    const expected = await saved.count();
    await expect.poll(() => settledCount(page)).toBe(`${expected} of ${expected} samples`);

    // The teammate opens the link: the same view, no save controls.
    const link = page.url();
    await viewer.page.goto(link);
    await viewer.page.locator('[data-view-chip="view: Night people"]').waitFor();
    await expect.poll(() => settledCount(viewer.page)).toBe(`${expected} of ${expected} samples`);
    await viewer.page.getByRole('button', { name: 'Night people', exact: true }).click();
    await viewer.page.getByText('Saving views needs Edit access').waitFor();
    expect(await viewer.page.getByRole('menuitem', { name: /Save view as|Update|Delete/ }).count()).toBe(0);
    await viewer.page.keyboard.press('Escape');
    const refused = await callFromPage(viewer.page, 'PUT', `/api/v1/datasets/${DATASET}/views/Mine`, {
      view: { stages: [] },
    });
    expect(refused.status, JSON.stringify(refused.body)).toBe(403);
    // A DELETE without a body (callFromPage always sends a JSON content type, which needs one).
    const deleteRefused = await viewer.page.evaluate(async (path) => {
      const csrf = /(?:^|; )teamset_csrf=([^;]*)/.exec(document.cookie)?.[1] ?? '';
      return (await fetch(path, { method: 'DELETE', headers: { 'x-csrf-token': decodeURIComponent(csrf) } })).status;
    }, `/api/v1/datasets/${DATASET}/views/Night%20people`);
    expect(deleteRefused).toBe(403);
  }, 45_000);

  it('a saved view is updated with more filters, unloaded, loaded from the menu and deleted', async () => {
    const { page } = admin;
    await sidebar(page).getByRole('group', { name: 'Sample tags' }).getByRole('checkbox', { name: 'rain' }).click();
    await page.locator('[data-view-chip="tags: rain"]').waitFor();
    await page.getByRole('button', { name: 'Night people', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Update “Night people”' }).click();
    await toast(page, 'Saved view “Night people” updated');
    await page.locator('[data-view-chip="tags: rain"]').waitFor({ state: 'detached' });
    const updated = await dataset.loadSavedView('Night people');
    // Updating keeps the description and colour.
    expect(await dataset.getSavedViewInfo('Night people')).toMatchObject({ color: '#2f9e44' });
    expect(updated.stages.at(-1)).toEqual({ stage: 'match_tags', tags: ['rain'] });
    const expected = await updated.count();
    await expect.poll(() => settledCount(page)).toBe(`${expected} of ${expected} samples`);

    await page.getByRole('button', { name: 'Remove view: Night people' }).click();
    await expect.poll(() => settledCount(page)).toBe(`${SAMPLE_COUNT} of ${SAMPLE_COUNT} samples`);
    await page.getByRole('button', { name: 'Saved views' }).click();
    await page.getByRole('menuitem', { name: 'Night people' }).click();
    await page.locator('[data-view-chip="view: Night people"]').waitFor();

    await page.getByRole('button', { name: 'Night people', exact: true }).click();
    await page.getByRole('menuitem', { name: 'Delete “Night people”' }).click();
    await page.getByRole('dialog', { name: 'Delete saved view' }).getByRole('button', { name: 'Delete view' }).click();
    await toast(page, 'Saved view “Night people” deleted');
    await page.locator('[data-view-chip="view: Night people"]').waitFor({ state: 'detached' });
    expect(new URL(page.url()).searchParams.get('view')).toBeNull();
    await viewer.page.reload();
    await viewer.page.getByText('Saved view not found').waitFor();
  }, 45_000);

  it('a late answer for an older filter never overwrites the newer one', async () => {
    const { page } = admin;
    await page.goto(`/datasets/${DATASET}`);
    await expect.poll(() => settledCount(page)).toBe(`${SAMPLE_COUNT} of ${SAMPLE_COUNT} samples`);
    // The counts for "day" alone come back last, after those for "day" and "rain".
    let delayed = 0;
    await page.route('**/api/v1/datasets/*/aggregate', async (route) => {
      const body = route.request().postData() ?? '';
      if (body.includes('"tags":["day"]}')) {
        delayed++;
        await new Promise((resolve) => setTimeout(resolve, 1500));
      }
      await route.continue();
    });
    const tags = sidebar(page).getByRole('group', { name: 'Sample tags' });
    await tags.getByRole('checkbox', { name: 'day' }).click();
    await page.locator('[data-view-chip="tags: day"]').waitFor();
    await tags.getByRole('checkbox', { name: 'rain' }).click();
    await page.locator('[data-view-chip="tags: day, rain"]').waitFor();
    await new Promise((resolve) => setTimeout(resolve, 2000));
    expect(delayed).toBeGreaterThan(0);
    await expectCountsMatchSdk(page);
    await page.unroute('**/api/v1/datasets/*/aggregate');
  }, 30_000);

  it('cross-check: on random filters the sidebar counts equal the SDK’s count and countValues', async () => {
    const { page } = admin;
    const next = random(2026);
    for (let round = 0; round < 4; round++) {
      const low = Math.round(next() * 50) / 100;
      const filters: Filters = {
        ...(next() < 0.6 ? { sampleTags: TAGS.filter(() => next() < 0.5) } : {}),
        labels: {
          ground_truth: {
            classes: CLASSES.filter(() => next() < 0.5),
            ...(next() < 0.7 ? { confidence: [low, Math.min(1, low + 0.4)] as [number, number] } : {}),
            ...(next() < 0.5 ? { mode: 'samples' as const } : {}),
          },
        },
        ...(next() < 0.5 ? { fields: { camera: { kind: 'values', values: ['front', 'side'] } } } : {}),
      };
      await page.goto(`/datasets/${DATASET}?filters=${encodeFilters(filters)}`);
      await expectCountsMatchSdk(page);
    }
  }, 60_000);

  it('the open asks for the grid, the facets and the dataset at once, and whoami without waiting for setup', async () => {
    const page = await admin.context.newPage();
    const asked: string[] = [];
    page.on('request', (request) => asked.push(`${request.method()} ${new URL(request.url()).pathname}`));
    const api = `/api/v1/datasets/${DATASET}`;
    /** Holds `path`'s answer until every one of `others` has been asked: the App must not wait for `path` to ask them. */
    const holdUntilAsked = async (path: string, others: string[]) => {
      const outcome = { heldUntilAsked: false };
      await page.route(`**${path}`, async (route) => {
        const until = Date.now() + 8_000;
        while (Date.now() < until && !others.every((other) => asked.includes(other)))
          await new Promise((r) => setTimeout(r, 20));
        outcome.heldUntilAsked = others.every((other) => asked.includes(other));
        await route.continue();
      });
      return outcome;
    };
    const setup = await holdUntilAsked('/api/v1/setup', ['GET /api/v1/whoami']);
    const datasetGet = await holdUntilAsked(api, [
      `GET ${api}/fields`,
      `GET ${api}/views`,
      `POST ${api}/samples/query`,
      `POST ${api}/aggregate`,
    ]);
    await page.goto(`/datasets/${DATASET}`);
    await expect.poll(() => settledCount(page)).toBe(`${SAMPLE_COUNT} of ${SAMPLE_COUNT} samples`);
    expect(setup.heldUntilAsked).toBe(true);
    expect(datasetGet.heldUntilAsked).toBe(true);
    // The prefetched answers are used: each of the open's requests is made once.
    const once = (request: string) => asked.filter((r) => r === request).length;
    for (const request of [`GET ${api}`, `GET ${api}/fields`, `POST ${api}/samples/query`, `POST ${api}/aggregate`])
      expect(once(request), request).toBe(1);
    await page.close();
  }, 30_000);

  it('a tag write refreshes only the tag counts of a view that does not read tags, the whole counts of one that does', async () => {
    const { page } = admin;
    await page.goto(`/datasets/${DATASET}`);
    await expect.poll(() => settledCount(page)).toBe(`${SAMPLE_COUNT} of ${SAMPLE_COUNT} samples`);
    const aggregations: Array<{ stages: unknown[]; paths: Array<string | undefined> }> = [];
    page.on('request', (request) => {
      if (!request.url().endsWith('/aggregate')) return;
      const body = JSON.parse(request.postData() ?? '{}') as {
        view?: { stages: unknown[] };
        aggregations: Array<{ path?: string }>;
      };
      aggregations.push({ stages: body.view?.stages ?? [], paths: body.aggregations.map((a) => a.path) });
    });
    const sampleTags = sidebar(page).getByRole('group', { name: 'Sample tags' });
    const first = 'street-000.jpg';
    await page.getByRole('checkbox', { name: `Select ${first}` }).click();
    await page.getByRole('button', { name: 'Tag', exact: true }).click();
    const popover = page.locator('[data-tag-popover]');
    await field(popover, 'Add tags').fill('fresh');
    await popover.getByRole('button', { name: 'Add' }).click();
    await toast(page, 'Tagged 1 sample');
    // The count is there right after the write…
    await expect.poll(() => countOf(sampleTags, 'fresh')).toBe(1);
    await expectCountsMatchSdk(page);
    // …from a request for the tag counts alone (the view has no tag filter).
    expect(aggregations.length).toBeGreaterThan(0);
    for (const { paths } of aggregations)
      for (const path of paths) expect(path === 'tags' || Boolean(path?.endsWith('.tags')), String(path)).toBe(true);
    await page.keyboard.press('Escape');

    // Filtered on that tag, untagging the sample takes it out of the view: the filtered counts are asked again whole.
    await sampleTags.getByRole('checkbox', { name: 'fresh' }).click();
    await expect.poll(() => settledCount(page)).toBe(`1 of ${SAMPLE_COUNT} samples`);
    aggregations.length = 0;
    const box = page.getByRole('checkbox', { name: `Select ${first}` });
    if (!(await box.isChecked())) await box.click();
    await page.getByRole('button', { name: 'Tag', exact: true }).click();
    await popover.getByRole('button', { name: 'Remove tag fresh' }).click();
    await toast(page, 'Untagged 1 sample');
    await expect.poll(() => settledCount(page)).toBe(`0 of ${SAMPLE_COUNT} samples`);
    const filtered = aggregations.filter(({ stages }) => JSON.stringify(stages).includes('match_tags'));
    expect(filtered.length).toBeGreaterThan(0);
    expect(filtered.some(({ paths }) => paths.includes('ground_truth.detections.label'))).toBe(true);
    await page.keyboard.press('Escape');
    await page.getByRole('button', { name: /^Remove tags: / }).click();
    await expect.poll(() => settledCount(page)).toBe(`${SAMPLE_COUNT} of ${SAMPLE_COUNT} samples`);
  }, 45_000);

  it('no page error or console error along the way', () => {
    expect(admin.problems).toEqual([]);
    expect(viewer.problems.filter((p) => !/403|Forbidden/.test(p))).toEqual([]);
  });
});
