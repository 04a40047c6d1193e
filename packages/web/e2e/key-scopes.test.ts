// Scoped, rotated and leaked keys in a real browser (Debian's Chromium) against a real `teamset serve`: the Generate dialog's
// scope, the key table's scope, Rotate with a grace (new secret once, old one's end listed) and a key revoked as leaked.
import { AuthenticationError, NotFoundError } from '@teamset/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, field, screenshot, skipBrowserSuite, toast, type TrackedContext } from './support/browser.js';
import { createDatasetFromPage, readNewKey, setUpFirstAdmin } from './support/team-flows.js';
import { startWebSuite, type WebSuite } from './support/web-suite.js';

const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'ada-admin-password' };

describe.skipIf(skipBrowserSuite())('scoped keys, rotation and leaked keys in Chromium against teamset serve', () => {
  let suite: WebSuite;
  let admin: TrackedContext;
  let scopedKey: string;

  beforeAll(async () => {
    suite = await startWebSuite();
    ({ admin } = suite);
  }, 60_000);

  afterAll(() => suite?.stop());

  it('an admin sets up the server with two datasets', async () => {
    await setUpFirstAdmin(admin.page, suite.server.setupToken, ADMIN);
    for (const name of ['birds', 'cars']) await createDatasetFromPage(admin.page, { name });
  }, 45_000);

  it('Generate API key with a scope: highest permission, one dataset, read-only management; the table shows it', async () => {
    const { page } = admin;
    await page.goto('/settings/api-keys');
    await page.getByText('No API keys yet').waitFor();
    await page.getByRole('button', { name: 'Generate API key' }).click();
    const form = page.getByRole('dialog', { name: 'Generate API key' });
    await field(form, 'Key nickname').fill('ci');
    await choose(page, 'Highest dataset permission', 'View: read samples and labels');
    await field(form, 'Datasets').first().click();
    await page.getByRole('option', { name: 'birds', exact: true }).click();
    await page.keyboard.press('Escape');
    await form.getByLabel('Read-only management').check();
    await screenshot(page, 'generate-scoped-key');
    await form.getByRole('button', { name: 'Generate', exact: true }).click();
    scopedKey = (await readNewKey(page)).key;
    await toast(page, 'API key “ci” generated');

    const row = page.getByRole('row', { name: /ci/ });
    const text = (await row.textContent()) ?? '';
    expect(text).toContain('Up to VIEW');
    expect(text).toContain('birds');
    expect(text).toContain('Read-only management');

    // The key does what its scope says, and no more.
    const client = suite.sdk(scopedKey);
    expect((await client.whoami()).apiKeyScope).toMatchObject({ maxPermission: 'VIEW', readOnlyManagement: true });
    expect((await client.getDatasetRecord('birds')).permission).toBe('VIEW');
    await expect(client.getDatasetRecord('cars')).rejects.toBeInstanceOf(NotFoundError);
    expect((await client.listDatasetRecords()).datasets.map((d) => d.name)).toEqual(['birds']);
  }, 45_000);

  it('Rotate with a grace: the new secret is shown once, the old one works and is listed with its end time', async () => {
    const { page } = admin;
    await page.getByRole('button', { name: 'Rotate key ci' }).click();
    const dialog = page.getByRole('dialog', { name: 'Rotate “ci”' });
    await dialog.waitFor();
    await choose(page, 'Old secret keeps working', 'For 1 hour');
    await dialog.getByRole('button', { name: 'Rotate key' }).click();
    const { key: rotated, text } = await readNewKey(page, 'rotated-key');
    expect(rotated).toMatch(/^tsk_/);
    expect(rotated).not.toBe(scopedKey);
    expect(text).toContain('Its old secret works until');
    await toast(page, 'API key “ci” rotated');

    const row = page.getByRole('row', { name: /ci/ });
    await row.getByText(`Old tsk_${scopedKey.slice(4, 12)}… works until`).waitFor();
    expect(await row.textContent()).toContain(`tsk_${rotated.slice(4, 12)}…`);
    // Same key, same scope, both secrets.
    for (const key of [scopedKey, rotated])
      await expect(suite.sdk(key).getDatasetRecord('cars')).rejects.toBeInstanceOf(NotFoundError);
    await screenshot(page, 'api-keys-rotated');
    scopedKey = rotated;
  }, 45_000);

  it('a key reported as leaked is refused and its row says why, with no Rotate', async () => {
    const { page } = admin;
    const response = await fetch(`${suite.server.url}/api/v1/keys/revoke-leaked`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ keys: [scopedKey] }),
    });
    expect(response.status).toBe(202);
    let refused = false;
    for (let i = 0; i < 100 && !refused; i++) {
      refused = await suite
        .sdk(scopedKey)
        .whoami()
        .then(
          () => false,
          (error: unknown) => error instanceof AuthenticationError,
        );
      if (!refused) await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(refused).toBe(true);
    await page.reload();
    const row = page.getByRole('row', { name: /ci/ });
    await row.getByText('Revoked: reported as leaked').waitFor();
    expect(await page.getByRole('button', { name: 'Rotate key ci' }).count()).toBe(0);
    await screenshot(page, 'api-keys-leaked');
  }, 30_000);

  it('no page error or console error along the way', () => {
    expect(admin.problems).toEqual([]);
  });
});
