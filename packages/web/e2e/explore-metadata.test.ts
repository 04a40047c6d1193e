// The sidebar's Metadata section in Chromium against a real `teamset serve`: collapsed and never counted on open, its
// numbers equal the SDK's once opened, its filters narrow the view as the SDK's matches do, and a reload keeps both.
import type { SampleInput } from '@teamset/contract';
import { F, type DatasetView } from '@teamset/sdk';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeViolations } from './support/accessibility.js';
import { choose, dragThumb, skipBrowserSuite, type TrackedContext } from './support/browser.js';
import { startExploreSuite, type ExploreData, type ExploreSuite } from './support/explore-data.js';

const POLL = { timeout: 10_000 };
const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'ada-admin-password' };
const DATASET = 'meta-frames';
const FRAMES = 16;
const WIDTHS = [320, 640, 1280, 1920];

/**
 * Frame i's metadata: four widths, two MIME types, a size growing with i; every fifth frame has none, and no frame has
 * `num_channels`, so that attribute has no value at all.
 */
function withMetadata(sample: SampleInput, i: number): SampleInput {
  const width = WIDTHS[i % WIDTHS.length] as number;
  const metadata =
    i % 5 === 0
      ? null
      : { width, height: (width * 3) / 4, size_bytes: 1000 * i, mime_type: i % 3 === 0 ? 'image/png' : 'image/jpeg' };
  return { ...sample, metadata };
}

const sidebar = (page: Page) => page.getByRole('complementary', { name: 'Filters' });
const section = (page: Page) => sidebar(page).getByRole('region', { name: 'Metadata', exact: true });
const toggle = (page: Page) => section(page).getByRole('button', { name: 'Metadata', exact: true });
const mimeTypes = (page: Page) => section(page).getByRole('group', { name: 'metadata.mime_type values' });

/** The sidebar's "N of M" once neither the sidebar's nor the metadata section's counts are loading. */
async function settled(page: Page): Promise<string> {
  await sidebar(page).getByLabel('Updating counts').waitFor({ state: 'hidden' });
  await sidebar(page).getByLabel('Updating metadata counts').waitFor({ state: 'hidden' });
  return (await sidebar(page).locator('[data-sidebar-count]').textContent()) ?? '';
}

async function countOf(scope: Locator, value: string): Promise<number> {
  const text = (await scope.locator(`[data-count-for="${value}"]`).first().textContent()) ?? '';
  return Number(text.replace(/[^0-9]/g, ''));
}

/** A range slider's ends and thumbs, as its two thumbs tell assistive technology. */
async function slider(page: Page, path: string) {
  const read = (end: 'minimum' | 'maximum', attribute: string) =>
    section(page)
      .getByRole('slider', { name: `${path} ${end}` })
      .getAttribute(attribute)
      .then(Number);
  return {
    bounds: [await read('minimum', 'aria-valuemin'), await read('maximum', 'aria-valuemax')],
    value: [await read('minimum', 'aria-valuenow'), await read('maximum', 'aria-valuenow')],
  };
}

/** The metadata filters in the URL (base64url JSON). */
function metadataFilters(page: Page): Record<string, { kind: string; range?: [number, number]; values?: string[] }> {
  const param = new URL(page.url()).searchParams.get('filters');
  const filters = param ? (JSON.parse(Buffer.from(param, 'base64url').toString()) as { fields?: object }) : {};
  return (filters.fields ?? {}) as ReturnType<typeof metadataFilters>;
}

describe.skipIf(skipBrowserSuite())('the sidebar’s Metadata section in Chromium against teamset serve', () => {
  let suite: ExploreSuite | undefined;
  let admin: TrackedContext;
  let data: ExploreData;
  /** The paths of every aggregation the page asked for, in order. */
  const asked: string[] = [];

  /** The section's numbers equal the SDK's bounds and countValues for `view`. */
  async function expectSectionMatches(page: Page, view: DatasetView): Promise<void> {
    const [width, height, size, channels, mimes] = await Promise.all([
      view.bounds('metadata.width'),
      view.bounds('metadata.height'),
      view.bounds('metadata.size_bytes'),
      view.bounds('metadata.num_channels'),
      view.countValues('metadata.mime_type'),
    ]);
    expect((await slider(page, 'metadata.width')).bounds).toEqual(width);
    expect((await slider(page, 'metadata.height')).bounds).toEqual(height);
    expect((await slider(page, 'metadata.size_bytes')).bounds).toEqual(size);
    expect(channels).toEqual([null, null]);
    await section(page).locator('[data-no-values-for="metadata.num_channels"]').waitFor();
    expect(await section(page).locator('[data-no-values-for]').count()).toBe(1);
    for (const [mime, count] of mimes)
      if (mime !== null) expect(await countOf(mimeTypes(page), String(mime))).toBe(count);
  }

  beforeAll(async () => {
    suite = await startExploreSuite(ADMIN, DATASET, FRAMES, withMetadata);
    ({ admin, data } = suite);
    admin.page.on('request', (request) => {
      if (!request.url().endsWith('/aggregate')) return;
      const body = JSON.parse(request.postData() ?? '{}') as { aggregations?: Array<{ path?: string }> };
      asked.push(...(body.aggregations ?? []).map((a) => a.path ?? '(count)'));
    });
  }, 90_000);

  afterAll(() => suite?.stop());

  it('opens collapsed, and the dataset’s open asks for no metadata number', async () => {
    const { page } = admin;
    await page.goto(`/datasets/${DATASET}`);
    await expect.poll(() => settled(page), POLL).toBe(`${FRAMES} of ${FRAMES} samples`);
    expect(await toggle(page).getAttribute('aria-expanded')).toBe('false');
    expect(await section(page).getByRole('region').count()).toBe(0);
    // The grid's first page is in, the rest of the sidebar counted: nothing more is coming for the section.
    await page.getByRole('list', { name: 'Samples' }).getByRole('listitem').first().waitFor();
    expect(asked.length).toBeGreaterThan(0);
    expect(asked.filter((path) => path.startsWith('metadata'))).toEqual([]);
  }, 30_000);

  it('opened, it asks for its numbers alone, and they equal the SDK’s bounds and countValues', async () => {
    const { page } = admin;
    const before = asked.length;
    await toggle(page).click();
    expect(await toggle(page).getAttribute('aria-expanded')).toBe('true');
    await section(page).getByRole('region', { name: 'metadata.width' }).waitFor();
    await expect.poll(() => settled(page), POLL).toBe(`${FRAMES} of ${FRAMES} samples`);
    const now = asked.slice(before);
    expect(now.length).toBeGreaterThan(0);
    expect(
      now.every((path) => path.startsWith('metadata.')),
      now.join(', '),
    ).toBe(true);
    expect(new Set(now)).toEqual(
      new Set([
        'metadata.size_bytes',
        'metadata.width',
        'metadata.height',
        'metadata.num_channels',
        'metadata.mime_type',
      ]),
    );
    await expectSectionMatches(page, data.dataset);
    // Closed and opened again on the same view, it asks nothing again.
    const reopened = asked.length;
    await toggle(page).click();
    await section(page).getByRole('region', { name: 'metadata.width' }).waitFor({ state: 'detached' });
    await toggle(page).click();
    await section(page).getByRole('region', { name: 'metadata.width' }).waitFor();
    expect(asked.length).toBe(reopened);
  }, 30_000);

  it('a width range and a MIME type narrow the view as the SDK’s matches do; chips and counts follow', async () => {
    const { page } = admin;
    const width = section(page).getByRole('region', { name: 'metadata.width' });
    await dragThumb(page, width, 'metadata.width minimum', 0.3);
    const bar = page.getByRole('region', { name: 'View' });
    await bar.locator('[data-view-chip^="metadata.width: "]').waitFor();
    await mimeTypes(page).getByRole('checkbox', { name: 'image/jpeg' }).click();
    await bar.locator('[data-view-chip="metadata.mime_type: image/jpeg"]').waitFor();

    const filters = metadataFilters(page);
    const [min, max] = filters['metadata.width']?.range ?? [0, 0];
    expect(min).toBeGreaterThan(320);
    expect(max).toBe(1920);
    expect(filters['metadata.mime_type']).toEqual({ kind: 'values', values: ['image/jpeg'] });
    expect(await bar.locator(`[data-view-chip="metadata.width: ${min}–${max}"]`).count()).toBe(1);
    const view = data.dataset
      .match(F('metadata.width').gte(min).and(F('metadata.width').lte(max)))
      .match(F('metadata.mime_type').isIn(['image/jpeg']));
    const count = await view.count();
    expect(count).toBeGreaterThan(0);
    expect(count).toBeLessThan(FRAMES);
    await expect.poll(() => settled(page), POLL).toBe(`${count} of ${FRAMES} samples`);
    await expect
      .poll(() => page.locator('[data-view-count]').textContent(), POLL)
      .toBe(`${count} of ${FRAMES} samples`);
    // The value list offers the view without the filters, counted with them: PNGs none, JPEGs all of the view.
    expect(await countOf(mimeTypes(page), 'image/jpeg')).toBe(count);
    expect(await countOf(mimeTypes(page), 'image/png')).toBe(0);
    expect((await slider(page, 'metadata.width')).value).toEqual([min, max]);
    expect(await axeViolations(page, 'aside[aria-label="Filters"]')).toEqual([]);
  }, 30_000);

  it('a reload keeps the filters and opens the section by itself', async () => {
    const { page } = admin;
    const url = page.url();
    await page.reload();
    const bar = page.getByRole('region', { name: 'View' });
    await bar.locator('[data-view-chip="metadata.mime_type: image/jpeg"]').waitFor();
    await expect.poll(() => toggle(page).getAttribute('aria-expanded'), POLL).toBe('true');
    const [min, max] = metadataFilters(page)['metadata.width']?.range ?? [0, 0];
    const count = await data.dataset
      .match(F('metadata.width').gte(min).and(F('metadata.width').lte(max)))
      .match(F('metadata.mime_type').isIn(['image/jpeg']))
      .count();
    await expect.poll(() => settled(page), POLL).toBe(`${count} of ${FRAMES} samples`);
    expect((await slider(page, 'metadata.width')).value).toEqual([min, max]);
    expect(await mimeTypes(page).getByRole('checkbox', { name: 'image/jpeg' }).isChecked()).toBe(true);
    expect(page.url()).toBe(url);
    // Its chip removes the filter; the section stays open.
    await bar.getByRole('button', { name: 'Remove metadata.mime_type: image/jpeg' }).click();
    await bar.getByRole('button', { name: /^Remove metadata\.width: / }).click();
    await expect.poll(() => settled(page), POLL).toBe(`${FRAMES} of ${FRAMES} samples`);
    expect(await toggle(page).getAttribute('aria-expanded')).toBe('true');
    await expectSectionMatches(page, data.dataset);
  }, 30_000);

  it('the patches view: the section counts the patches’ metadata (their sample’s), as the SDK does', async () => {
    const { page } = admin;
    await choose(page, 'Show samples or patches', 'Patches of ground_truth');
    const patches = data.dataset.toPatches('ground_truth');
    const total = await patches.count();
    await expect.poll(() => settled(page), POLL).toBe(`${total} of ${total} patches`);
    await section(page).getByRole('region', { name: 'metadata.width' }).waitFor();
    await expectSectionMatches(page, patches);
    await mimeTypes(page).getByRole('checkbox', { name: 'image/png' }).click();
    const pngs = await patches.match(F('metadata.mime_type').isIn(['image/png'])).count();
    expect(pngs).toBeGreaterThan(0);
    await expect.poll(() => settled(page), POLL).toBe(`${pngs} of ${total} patches`);
  }, 30_000);

  it('no page error or console error along the way', () => {
    expect(admin.problems).toEqual([]);
  });
});
