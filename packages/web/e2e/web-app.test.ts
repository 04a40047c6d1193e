// The web app in a real browser (Debian's Chromium) against a real `teamset serve`: setup, sign-in, keys with the SDK,
// invitations, roles, a guest's limits and dataset access — in the order a team would meet them.
import { AuthenticationError, ForbiddenError } from '@teamset/sdk';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, field, screenshot, skipBrowserSuite, toast, type TrackedContext } from './support/browser.js';
import { acceptInvitation, callFromPage, generateKeyInBrowser, inviteFromTeamPage } from './support/team-flows.js';
import { startWebSuite, type WebSuite } from './support/web-suite.js';

const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'ada-admin-password' };
const COLLABORATOR = { name: 'Cora Collaborator', email: 'cora@example.com', password: 'cora-password-1' };
const GUEST = { name: 'Gus Guest', email: 'gus@example.com', password: 'gus-password-1' };
const DATASET = 'street-scenes';

async function openAccountMenu(page: Page, name: string): Promise<void> {
  await page.getByRole('button', { name: `Account menu for ${name}` }).click();
}

/** Generates a key in the open key manager and returns it as read from the one-time dialog, which warns. */
async function generateKey(page: Page, nickname: string, shot?: string): Promise<string> {
  const { key, text } = await generateKeyInBrowser(page, nickname, shot);
  expect(text).toContain('will not be shown again');
  return key;
}

/** Street-scene samples with 1–4 detections each, added over the API with an admin key (as the SDK would). */
async function addSamples(url: string, key: string, dataset: string, count: number): Promise<void> {
  const samples = Array.from({ length: count }, (_, i) => ({
    filepath: `/data/${dataset}/frame-${String(i).padStart(4, '0')}.jpg`,
    tags: i % 5 === 0 ? ['validation'] : ['train'],
    ground_truth: {
      _cls: 'Detections',
      detections: Array.from({ length: (i % 4) + 1 }, (_, j) => ({
        _cls: 'Detection',
        label: j % 2 ? 'car' : 'person',
        bounding_box: [0.1 * j, 0.2, 0.2, 0.3],
        confidence: 1,
      })),
    },
  }));
  const response = await fetch(`${url}/api/v1/datasets/${encodeURIComponent(dataset)}/samples`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-api-key': key },
    body: JSON.stringify({ samples }),
  });
  expect(response.status, await response.clone().text()).toBe(201);
}

describe.skipIf(skipBrowserSuite())('the web app in Chromium against teamset serve', () => {
  let suite: WebSuite;
  let admin: TrackedContext;
  let cora: TrackedContext;
  let gus: TrackedContext;
  let coraKey = '';
  let adminKey = '';

  beforeAll(async () => {
    suite = await startWebSuite();
    ({ admin } = suite);
    cora = await suite.newContext();
    gus = await suite.newContext();
  }, 60_000);

  afterAll(() => suite?.stop());

  it('first-run setup: the page asks for the setup token from the log and creates the first admin', async () => {
    const { page } = admin;
    await page.goto('/');
    await page.waitForURL('**/setup');
    await field(page, 'Setup token').fill('not-the-token');
    await field(page, 'Your name').fill(ADMIN.name);
    await field(page, 'Email').fill(ADMIN.email);
    await field(page, 'Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Create admin account' }).click();
    await page.getByText('Invalid setup token').waitFor();

    await field(page, 'Setup token').fill(suite.server.setupToken);
    await page.getByRole('button', { name: 'Create admin account' }).click();
    await page.waitForURL('**/datasets');
    await page.getByRole('button', { name: `Account menu for ${ADMIN.name}` }).waitFor();
  }, 30_000);

  it('sign-out and sign-in (a wrong password is a sentence, not a code)', async () => {
    const { page } = admin;
    await openAccountMenu(page, ADMIN.name);
    await page.getByRole('menuitem', { name: 'Sign out' }).click();
    await page.waitForURL(/\/sign-in$/);
    await page.goto('/settings/api-keys');
    await page.waitForURL(
      (url) => url.pathname === '/sign-in' && url.searchParams.get('next') === '/settings/api-keys',
    );

    await field(page, 'Email').fill(ADMIN.email);
    await field(page, 'Password').fill('wrong password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByText('Invalid email or password').waitFor();
    expect(await page.getByText('UNAUTHENTICATED').count()).toBe(0);

    await field(page, 'Password').fill(ADMIN.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL('**/settings/api-keys');
  }, 30_000);

  it('Settings › API keys: generate a key, read it once, use it with the SDK, delete it and the SDK is refused', async () => {
    const { page } = admin;
    await page.goto('/datasets');
    await openAccountMenu(page, ADMIN.name);
    await page.getByRole('menuitem', { name: 'API keys' }).click();
    await page.waitForURL('**/settings/api-keys');
    await page.getByText('No API keys yet').waitFor();
    expect(await page.getByText(`export FIFTYONE_API_URI=${suite.server.url}`).count()).toBe(1);

    // Dialogs are keyboard-operable: focus starts in the form, Escape closes without generating anything.
    await page.getByRole('button', { name: 'Generate API key' }).click();
    await page.getByRole('dialog', { name: 'Generate API key' }).waitFor();
    expect(
      await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent),
    ).toMatch(/^Key nickname/);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });
    expect(await page.getByText('No API keys yet').count()).toBe(1);

    const key = await generateKey(page, 'laptop', 'new-api-key');
    expect(key).toMatch(/^tsk_[0-9A-Za-z]{38}$/);
    await toast(page, 'API key “laptop” generated');
    const row = page.getByRole('row', { name: /laptop/ });
    expect(await row.textContent()).toContain(`tsk_${key.slice(4, 12)}…`);

    const me = await suite.sdk(key).whoami();
    expect(me.user).toMatchObject({ email: ADMIN.email, role: 'ADMIN' });
    adminKey = await generateKey(page, 'training cluster');
    await screenshot(page, 'api-keys');

    await page.getByRole('button', { name: 'Delete key laptop' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete API key?' });
    expect(await confirm.textContent()).toContain('will lose access immediately');
    await confirm.getByRole('button', { name: 'Delete key' }).click();
    await toast(page, 'API key “laptop” deleted');
    await row.waitFor({ state: 'detached' });
    await expect(suite.sdk(key).whoami()).rejects.toBeInstanceOf(AuthenticationError);
  }, 30_000);

  it('an admin invites a collaborator and a guest; each accepts in their own browser', async () => {
    const { page } = admin;
    await page.getByRole('link', { name: 'Team', exact: true }).click();
    await page.waitForURL('**/team/users');
    await page.getByRole('tab', { name: 'Invitations' }).click();
    await page.waitForURL('**/team/invitations');
    const coraUrl = await inviteFromTeamPage(page, COLLABORATOR.email, 'Collaborator');
    const gusUrl = await inviteFromTeamPage(page, GUEST.email, 'Guest');
    expect(coraUrl).toMatch(new RegExp(`^${suite.server.url}/accept-invitation\\?token=`));
    await page.getByRole('button', { name: `Revoke invitation for ${GUEST.email}` }).waitFor();

    await acceptInvitation(cora, coraUrl, COLLABORATOR);
    await acceptInvitation(gus, gusUrl, GUEST);
    await page.reload();
    await page.getByText('No invitations are waiting to be accepted.').waitFor();
  }, 45_000);

  it('the guest sees why there is no API keys page, no Team page, and the API refuses their calls', async () => {
    const { page } = gus;
    await page.getByRole('button', { name: `Account menu for ${GUEST.name}` }).click();
    await page.getByRole('menuitem', { name: 'API keys' }).click();
    await page.getByText('Guests cannot use API keys').waitFor();
    expect(await page.getByRole('button', { name: 'Generate API key' }).count()).toBe(0);
    expect(await page.getByRole('link', { name: 'Team', exact: true }).count()).toBe(0);

    const refused = await callFromPage<{ error: { message: string } }>(page, 'POST', '/api/v1/keys', {
      name: 'sneaky',
    });
    expect({ status: refused.status, message: refused.body.error.message }).toEqual({
      status: 403,
      message: 'Guests cannot create or use API keys',
    });
    expect((await callFromPage(page, 'GET', '/api/v1/users')).status).toBe(403);
    await page.goto('/team/users');
    await page.getByText('For admins only').waitFor();
  }, 30_000);

  it('Team › Users: an admin raises the collaborator to member and generates a key for them', async () => {
    const { page } = admin;
    await page.getByRole('tab', { name: 'Users' }).click();
    await page.waitForURL('**/team/users');
    await page.getByRole('link', { name: COLLABORATOR.name, exact: true }).waitFor();
    await choose(page, `Role of ${COLLABORATOR.name}`, 'Member');
    await toast(page, `${COLLABORATOR.name} is now a member`);
    await field(page, 'Search users').fill('gus');
    await page.getByRole('link', { name: COLLABORATOR.name, exact: true }).waitFor({ state: 'detached' });
    await field(page, 'Search users').fill('');
    await page.getByRole('link', { name: COLLABORATOR.name, exact: true }).waitFor();
    await screenshot(page, 'team-users');

    await page.getByRole('link', { name: `Open ${COLLABORATOR.name}` }).click();
    await page.getByRole('heading', { name: COLLABORATOR.name, exact: true }).waitFor();
    coraKey = await generateKey(page, 'cora-ci');
    const whoami = await suite.sdk(coraKey).whoami();
    expect(whoami.user).toMatchObject({ email: COLLABORATOR.email, role: 'MEMBER' });
  }, 30_000);

  it('Manage › Access: a grant given, changed and taken away takes effect for that user at once', async () => {
    const { page } = admin;
    await page.getByRole('link', { name: 'Datasets', exact: true }).click();
    await page.getByRole('button', { name: 'New dataset' }).click();
    const dialog = page.getByRole('dialog', { name: 'New dataset' });
    await field(dialog, 'Name').fill(DATASET);
    await field(dialog, 'Description').fill('Dashcam frames from the spring drives');
    await dialog.getByRole('button', { name: 'Create dataset' }).click();
    await page.waitForURL(`**/datasets/${DATASET}`);
    await page.locator('[data-view-count]', { hasText: '0 samples' }).waitFor();
    // An empty dataset says how to fill it, by the SDK or by importing an export.
    await page.getByText('No samples yet. Add some with the SDK').waitFor();
    expect(await page.getByText('teamset import', { exact: true }).count()).toBe(1);
    await addSamples(suite.server.url, adminKey, DATASET, 30);

    await gus.page.goto('/datasets');
    await gus.page.getByText('No datasets have been shared with you yet.').waitFor();

    await page.getByRole('tab', { name: 'Manage' }).click();
    await page.waitForURL(`**/datasets/${DATASET}/manage`);
    await choose(page, 'Default access for members', 'Tag');
    await toast(page, 'Members now get tag access by default');
    // .first(): the picker's suggestion list carries the same label; a person is picked from it.
    await field(page, 'Add a person').first().fill(GUEST.email);
    await page.getByRole('option', { name: new RegExp(GUEST.email) }).click();
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await toast(page, `${GUEST.name} now has view access`);
    await page.getByLabel(`Access of ${GUEST.email}`).first().waitFor();
    await page.getByLabel(`Access of ${COLLABORATOR.email}`).first().waitFor();
    await screenshot(page.getByRole('region', { name: 'Access' }), 'dataset-access');

    await gus.page.reload();
    await gus.page.getByRole('link', { name: DATASET }).click();
    await gus.page.locator('[data-view-count]', { hasText: '30 samples' }).waitFor();
    // The grid (thumbnails; no media roots here) is the default view; the table lists the label counts.
    await gus.page.getByRole('radiogroup', { name: 'Samples view' }).getByText('Table', { exact: true }).click();
    expect(await gus.page.getByRole('row', { name: /frame-0003\.jpg/ }).textContent()).toContain('ground_truth: 4');
    await gus.page.getByText('All 30 samples of the view shown').waitFor();
    expect(await gus.page.getByRole('row', { name: /frame-\d+\.jpg/ }).count()).toBe(30);
    await screenshot(gus.page, 'dataset-samples');
    await gus.page.getByRole('tab', { name: 'Manage' }).click();
    await gus.page.getByText('Access and deletion need Manage').waitFor();
    // Read-only Basic info is plain text, not a greyed form.
    await gus.page.getByText('Changing these needs Edit permission').waitFor();
    expect(await field(gus.page, 'Description').count()).toBe(0);

    await choose(page, `Access of ${GUEST.email}`, 'No access');
    await toast(page, `${GUEST.name}’s access is now: No access`);
    await gus.page.reload();
    await gus.page.getByText('Dataset not found').waitFor();
  }, 45_000);

  it('lowering a role asks first; the new guest’s key is refused by the SDK', async () => {
    const { page } = admin;
    await page.goto('/team/users');
    await choose(page, `Role of ${COLLABORATOR.name}`, 'Guest');
    const confirm = page.getByRole('dialog', { name: `Lower ${COLLABORATOR.name}’s role?` });
    expect(await confirm.textContent()).toContain('API keys will stop working');
    await confirm.getByRole('button', { name: 'Make guest' }).click();
    await toast(page, `${COLLABORATOR.name} is now a guest`);
    const refused = await suite
      .sdk(coraKey)
      .whoami()
      .catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ForbiddenError);
    expect((refused as Error).message).toContain('Guests cannot use API keys');
  }, 30_000);

  it('no page error or console error in any browser along the way', () => {
    expect([...admin.problems, ...cora.problems, ...gus.problems]).toEqual([]);
  });
});
