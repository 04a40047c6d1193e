// Service accounts and the key inventory in a real browser (Debian's Chromium) against a real `teamset serve`: an admin
// creates a service account on Team › Service accounts, generates its key, disables and enables it, then finds its keys on
// Team › API keys, sees the one expiring soon flagged, and revokes one with the bulk action.
import { AuthenticationError } from '@teamset/sdk';
import type { CreatedApiKey, ServiceAccount } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, field, screenshot, skipBrowserSuite, toast, type TrackedContext } from './support/browser.js';
import { callFromPage, generateKeyInBrowser, setUpFirstAdmin } from './support/team-flows.js';
import { startWebSuite, type WebSuite } from './support/web-suite.js';

const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'ada-admin-password' };
const ACCOUNT = 'nightly-import';

describe.skipIf(skipBrowserSuite())('service accounts and the key inventory in Chromium against teamset serve', () => {
  let suite: WebSuite;
  let admin: TrackedContext;
  let botKey = '';

  beforeAll(async () => {
    suite = await startWebSuite();
    ({ admin } = suite);
  }, 60_000);

  afterAll(() => suite?.stop());

  const bot = () => suite.sdk(botKey);

  it('Team › Service accounts: create one; open it and generate its key; its key acts as the service account', async () => {
    const { page } = admin;
    await setUpFirstAdmin(page, suite.server.setupToken, ADMIN);
    await page.goto('/team/users');
    await page.getByRole('tab', { name: 'Service accounts' }).click();
    await page.waitForURL('**/team/service-accounts');
    await page.getByText('No service accounts yet.').waitFor();

    await field(page, 'Name').fill(ACCOUNT);
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await toast(page, `Service account ${ACCOUNT} created`);
    const table = page.getByRole('table', { name: 'Service accounts' });
    const row = table.getByRole('row', { name: new RegExp(ACCOUNT) });
    await row.waitFor();
    expect(await row.textContent()).toMatch(/Member.*0.*Enabled/);
    // The same name again is refused in a sentence.
    await field(page, 'Name').fill(ACCOUNT);
    await page.getByRole('button', { name: 'Create', exact: true }).click();
    await page.getByText('A service account with this name already exists').waitFor();
    await screenshot(page, 'team-service-accounts');

    await page.getByRole('link', { name: `Open ${ACCOUNT}` }).click();
    await page.waitForURL('**/team/users/*');
    await page.getByText('Service account: no password or sign-in').waitFor();
    botKey = (await generateKeyInBrowser(page, 'job')).key;
    expect((await bot().whoami()).user).toMatchObject({ name: ACCOUNT, kind: 'service', role: 'MEMBER' });
  }, 60_000);

  it('appears where users are picked: the member picker of a group adds it like anyone', async () => {
    const { page } = admin;
    const group = await callFromPage<{ id: string }>(page, 'POST', '/api/v1/groups', { name: 'Jobs' });
    expect(group.status).toBe(201);
    await page.goto(`/team/groups/${group.body.id}`);
    await field(page, 'Add a member').first().fill('nightly');
    await page.getByRole('option', { name: new RegExp(`${ACCOUNT}@service-account\\.invalid`) }).click();
    await page.getByRole('button', { name: 'Add member' }).click();
    await toast(page, `${ACCOUNT} was added to Jobs`);
  }, 30_000);

  it('Disable refuses its key at once; Enable lets it work again', async () => {
    const { page } = admin;
    await page.goto('/team/service-accounts');
    await page.getByRole('button', { name: `Disable ${ACCOUNT}` }).click();
    await toast(page, `${ACCOUNT} disabled`);
    const row = page.getByRole('table', { name: 'Service accounts' }).getByRole('row', { name: new RegExp(ACCOUNT) });
    await row.getByText('Disabled').waitFor();
    await expect(bot().whoami()).rejects.toBeInstanceOf(AuthenticationError);
    await page.getByRole('button', { name: `Enable ${ACCOUNT}` }).click();
    await toast(page, `${ACCOUNT} enabled`);
    expect((await bot().whoami()).user.name).toBe(ACCOUNT);
  }, 45_000);

  it('Team › API keys: filters to service accounts, flags the key expiring soon, and revokes selected keys', async () => {
    const { page } = admin;
    const account = (await callFromPage<ServiceAccount>(page, 'GET', `/api/v1/service-accounts/${ACCOUNT}`)).body;
    const soon = await callFromPage<CreatedApiKey>(page, 'POST', '/api/v1/keys', {
      name: 'short-lived',
      user: account.id,
      expiresInSeconds: 3 * 24 * 3600,
    });
    expect(soon.status).toBe(201);
    await bot().whoami();

    await page.goto('/team/service-accounts');
    await page.getByRole('tab', { name: 'API keys' }).click();
    await page.waitForURL('**/team/api-keys');
    const keys = page.getByRole('table', { name: 'Organization API keys' });
    // Everyone: the admin has no key of their own here, so both rows are the service account's.
    await keys.getByRole('row', { name: /short-lived/ }).waitFor();
    // The owner-kind switch (its label, not the Team tab of the same name).
    await page.locator('label', { hasText: /^Service accounts$/ }).click();
    await page.getByText('2 keys').waitFor();
    expect(await keys.getByRole('row', { name: /short-lived/ }).textContent()).toMatch(/Service account.*Expires soon/);
    await choose(page, 'State', 'Expiring within 7 days');
    await page.getByText('1 key', { exact: true }).waitFor();
    await screenshot(page, 'team-api-keys-expiring');
    await choose(page, 'State', 'Any state');
    await page.getByText('2 keys').waitFor();

    await page.getByRole('checkbox', { name: `Select key job of ${ACCOUNT}` }).check();
    await page.getByRole('button', { name: 'Revoke selected (1)' }).click();
    const confirm = page.getByRole('dialog', { name: 'Revoke 1 API key?' });
    await confirm.getByRole('button', { name: 'Revoke keys' }).click();
    await toast(page, '1 API key revoked');
    await keys.getByRole('row', { name: /job/ }).getByText('revoked by an admin').waitFor();
    await expect(bot().whoami()).rejects.toBeInstanceOf(AuthenticationError);
    await screenshot(page, 'team-api-keys');
  }, 60_000);

  it('Settings › API keys shows requests of the last 30 days for each key', async () => {
    const { page } = admin;
    expect((await callFromPage(page, 'POST', '/api/v1/keys', { name: 'laptop' })).status).toBe(201);
    await page.goto('/settings/api-keys');
    await page.getByRole('columnheader', { name: 'Requests (30 days)' }).waitFor();
    await page
      .getByRole('row', { name: /laptop/ })
      .getByLabel('0 requests in the last 30 days')
      .waitFor();
  }, 30_000);
});
