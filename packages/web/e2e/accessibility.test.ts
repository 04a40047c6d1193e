// axe-core over every page of the App, as an admin and as a guest, against a real `teamset serve`: no serious or critical
// WCAG 2.1 A/AA violation anywhere; plus what axe cannot see: page titles, the skip link, names of dialogs' close buttons.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { axeFindings, describeFindings } from './support/axe.js';
import { field, skipBrowserSuite, type TrackedContext } from './support/browser.js';
import {
  acceptInvitation,
  addSamplesFromPage,
  callFromPage,
  createDatasetFromPage,
  inviteFromTeamPage,
  setUpFirstAdmin,
} from './support/team-flows.js';
import { startWebSuite, type WebSuite } from './support/web-suite.js';

const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'ada-admin-password' };
const GUEST = { name: 'Gil Guest', email: 'gil@example.com', password: 'gil-guest-password' };
const DATASET = 'street-scenes';
/** axe-core goes in as a script tag, which the App's Content-Security-Policy would refuse. */
const AXE_CONTEXT = { bypassCSP: true };

/** Opens `path` and waits until the page has loaded what it shows (no request in flight, transitions done). */
async function open(page: Page, path: string): Promise<void> {
  await page.goto(path);
  await page.waitForLoadState('networkidle');
  await page.locator('main').first().waitFor();
  await expect.poll(() => page.locator('.mantine-Loader-root').count(), { timeout: 10_000 }).toBe(0);
  await new Promise((resolve) => setTimeout(resolve, 300));
}

/** Runs axe on the page as it is and returns its findings as text ('' when there are none). */
async function check(page: Page, where: string): Promise<string> {
  return describeFindings(where, await axeFindings(page));
}

describe.skipIf(skipBrowserSuite())('accessibility (axe-core, WCAG 2.1 AA) over every page', () => {
  let suite: WebSuite;
  let admin: TrackedContext;
  let guest: TrackedContext;
  let invitationUrl = '';
  let guestId = '';
  let groupId = '';
  /** Findings of the signed-out pages, checked before anyone signs in. */
  const signedOut: string[] = [];

  beforeAll(async () => {
    // First-run setup is done below, after axe has checked the setup page.
    suite = await startWebSuite({ context: AXE_CONTEXT });
    ({ admin } = suite);
    guest = await suite.newContext();
    await admin.page.goto('/setup');
    await admin.page.getByRole('button', { name: 'Create admin account' }).waitFor();
    signedOut.push(await check(admin.page, 'setup'));
    await setUpFirstAdmin(admin.page, suite.server.setupToken, ADMIN);
    const { page } = admin;
    await createDatasetFromPage(page, { name: DATASET, description: 'Dashcam frames' });
    const samples = [1, 2, 3].map((i) => ({
      filepath: `/nowhere/frame-${i}.jpg`,
      tags: ['day'],
      ground_truth: {
        _cls: 'Detections',
        detections: [{ _cls: 'Detection', label: 'car', bounding_box: [0.1, 0.2, 0.3, 0.4], confidence: 0.9 }],
      },
    }));
    await addSamplesFromPage(page, DATASET, samples);
    invitationUrl = await inviteFromTeamPage(page, GUEST.email, 'Guest');
    await guest.page.goto(invitationUrl);
    await guest.page.getByRole('button', { name: 'Create account' }).waitFor();
    signedOut.push(await check(guest.page, 'accept-invitation'));
    await acceptInvitation(guest, invitationUrl, GUEST);
    const users = await callFromPage<{ users: Array<{ id: string; email: string }> }>(page, 'GET', '/api/v1/users');
    guestId = users.body.users.find((u) => u.email === GUEST.email)?.id ?? '';
    const view = { permission: 'VIEW' };
    expect(
      (await callFromPage(page, 'PUT', `/api/v1/datasets/${DATASET}/permissions/users/${guestId}`, view)).status,
    ).toBe(200);
    const group = await callFromPage<{ id: string }>(page, 'POST', '/api/v1/groups', {
      name: 'Annotators',
      description: 'People who label',
      users: [guestId],
    });
    expect(group.status).toBe(201);
    groupId = group.body.id;
    // A signed-out browser for the sign-in page.
    const stranger = await suite.newContext();
    await stranger.page.goto('/sign-in');
    await stranger.page.getByRole('button', { name: 'Sign in' }).waitFor();
    signedOut.push(await check(stranger.page, 'sign-in'));
    await stranger.context.close();
  }, 120_000);

  afterAll(() => suite?.stop());

  const everyPage = () => [
    '/datasets',
    `/datasets/${DATASET}`,
    `/datasets/${DATASET}/manage`,
    '/settings/account',
    '/settings/api-keys',
    '/settings/organization',
    '/team/users',
    '/team/invitations',
    '/team/groups',
    `/team/users/${guestId}`,
    `/team/groups/${groupId}`,
  ];

  it('the signed-out pages (setup, accept-invitation, sign-in) have no serious or critical violations', () => {
    expect(signedOut.filter(Boolean).join('\n\n')).toBe('');
  });

  it('every page has no serious or critical violations, as an admin', async () => {
    const report: string[] = [];
    for (const path of everyPage()) {
      await open(admin.page, path);
      report.push(await check(admin.page, `admin ${path}`));
    }
    // A dialog too: the New dataset form over the home.
    await open(admin.page, '/datasets');
    await admin.page.getByRole('button', { name: 'New dataset' }).click();
    await admin.page.getByRole('dialog').waitFor();
    await new Promise((resolve) => setTimeout(resolve, 300));
    report.push(await check(admin.page, 'admin /datasets New dataset dialog'));
    // And the one-time key dialog with its warning.
    await open(admin.page, '/settings/api-keys');
    await admin.page.getByRole('button', { name: 'Generate API key' }).click();
    await field(admin.page.getByRole('dialog'), 'Key nickname').fill('axe');
    await admin.page.getByRole('dialog').getByRole('button', { name: 'Generate', exact: true }).click();
    await admin.page.getByRole('dialog', { name: 'Your new API key' }).waitFor();
    await new Promise((resolve) => setTimeout(resolve, 300));
    report.push(await check(admin.page, 'admin /settings/api-keys one-time key dialog'));
    expect(report.filter(Boolean).join('\n\n')).toBe('');
    expect(admin.problems).toEqual([]);
  }, 120_000);

  it('every page has no serious or critical violations, as a guest (admin pages show their refusal)', async () => {
    const report: string[] = [];
    for (const path of everyPage()) {
      await open(guest.page, path);
      report.push(await check(guest.page, `guest ${path}`));
    }
    expect(report.filter(Boolean).join('\n\n')).toBe('');
  }, 120_000);

  it('each page has its own title, and a refused page says so', async () => {
    const titles: Record<string, string> = {};
    for (const path of everyPage()) {
      await open(admin.page, path);
      titles[path] = await admin.page.title();
    }
    expect(titles).toEqual({
      '/datasets': 'Datasets · Teamset',
      [`/datasets/${DATASET}`]: `Samples · ${DATASET} · Datasets · Teamset`,
      [`/datasets/${DATASET}/manage`]: `Manage · ${DATASET} · Datasets · Teamset`,
      '/settings/account': 'Account · Settings · Teamset',
      '/settings/api-keys': 'API keys · Settings · Teamset',
      '/settings/organization': 'Organization · Settings · Teamset',
      '/team/users': 'Users · Team · Teamset',
      '/team/invitations': 'Invitations · Team · Teamset',
      '/team/groups': 'Groups · Team · Teamset',
      [`/team/users/${guestId}`]: `${GUEST.name} · Users · Team · Teamset`,
      [`/team/groups/${groupId}`]: 'Annotators · Groups · Team · Teamset',
    });
    await open(guest.page, '/team/users');
    expect(await guest.page.title()).toBe('For admins only · Teamset');
  }, 60_000);

  it('the first Tab stop skips to the main content, and dialog close buttons have a name', async () => {
    const { page } = admin;
    await open(page, '/settings/account');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: 'Skip to main content' });
    expect(await skip.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await skip.isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main-content');
    await open(page, '/datasets');
    await page.getByRole('button', { name: 'New dataset' }).click();
    const dialog = page.getByRole('dialog', { name: 'New dataset' });
    await dialog.getByRole('button', { name: 'Close dialog' }).click();
    await dialog.waitFor({ state: 'hidden' });
  }, 30_000);

  it('a guest hears why New dataset is unavailable: it stays focusable and is described by a visible reason', async () => {
    const { page } = guest;
    await open(page, '/datasets');
    const button = page.getByRole('button', { name: 'New dataset' });
    expect(await button.getAttribute('aria-disabled')).toBe('true');
    await button.focus();
    expect(await button.evaluate((el) => el === document.activeElement)).toBe(true);
    const describedBy = (await button.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`#${describedBy}`).textContent()).toBe('Only members and admins can create datasets.');
    await page.keyboard.press('Enter');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await page.getByRole('dialog').count()).toBe(0);
  }, 30_000);

  it('an admin’s own disabled Remove and role picker explain themselves on keyboard focus', async () => {
    const { page } = admin;
    await open(page, '/team/users');
    const remove = page.getByRole('button', { name: `Remove ${ADMIN.name}` });
    expect(await remove.isDisabled()).toBe(true);
    const wrapper = page.locator('[data-disabled-reason]').filter({ has: remove });
    await wrapper.focus();
    expect(await wrapper.evaluate((el) => el === document.activeElement)).toBe(true);
    await page.getByRole('tooltip', { name: 'You cannot remove yourself' }).waitFor();
    const describedBy = (await wrapper.getAttribute('aria-describedby')) ?? '';
    expect(await page.locator(`[id="${describedBy}"]`).textContent()).toBe('You cannot remove yourself');
    const role = page.locator('[data-disabled-reason]').filter({ has: page.getByLabel(`Role of ${ADMIN.name}`) });
    expect(await role.textContent()).toContain('Ask another admin to change your own role');
  }, 30_000);

  it('a focused card shows its focus ring whole: the card draws it, outside the edge that clips its thumbnail', async () => {
    const { page } = admin;
    await open(page, `/datasets/${DATASET}`);
    const button = page.getByRole('button', { name: 'Open frame-1.jpg' });
    await button.focus();
    expect(await button.evaluate((el) => el.matches(':focus-visible'))).toBe(true);
    const card = page.getByRole('listitem').filter({ has: button });
    const ring = await card.evaluate((el) => {
      const style = getComputedStyle(el);
      return { style: style.outlineStyle, width: style.outlineWidth, offset: style.outlineOffset };
    });
    expect(ring).toEqual({ style: 'solid', width: '2px', offset: '2px' });
  }, 30_000);

  it('at 800 px the navigation folds behind a button that opens it', async () => {
    const { page } = admin;
    await page.setViewportSize({ width: 800, height: 700 });
    try {
      await open(page, '/datasets');
      const nav = page.getByRole('navigation', { name: 'Main navigation' });
      // Folded away: moved off the left edge, and the page starts at the window's edge.
      const folded = await nav.boundingBox();
      expect((folded?.x ?? 0) + (folded?.width ?? 0)).toBeLessThanOrEqual(0);
      expect((await page.locator('main').boundingBox())?.x).toBe(0);
      await page.getByRole('button', { name: 'Open navigation' }).click();
      await expect.poll(async () => (await nav.boundingBox())?.x).toBe(0);
      await nav.getByRole('link', { name: 'Settings' }).click();
      await page.waitForURL('**/settings/account');
      await page.setViewportSize({ width: 1280, height: 800 });
      expect(await page.getByRole('button', { name: 'Open navigation' }).isVisible()).toBe(false);
      await expect.poll(async () => (await nav.boundingBox())?.x).toBe(0);
    } finally {
      await page.setViewportSize({ width: 1280, height: 800 });
    }
  }, 30_000);
});
