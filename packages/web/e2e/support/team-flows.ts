// Browser steps many suites start with: first-run setup, inviting someone from Team › Invitations, accepting in their
// browser, generating a key, and seeding datasets over the API from a signed-in page.
import type { Page } from 'playwright-core';
import { choose, field, screenshot, type TrackedContext } from './browser.js';

export interface Person {
  name: string;
  email: string;
  password: string;
}

/** First-run setup on a fresh server: the setup token from the log makes `admin` the first admin, signed in. */
export async function setUpFirstAdmin(page: Page, setupToken: string, admin: Person): Promise<void> {
  await page.goto('/');
  await page.waitForURL('**/setup');
  await field(page, 'Setup token').fill(setupToken);
  await field(page, 'Your name').fill(admin.name);
  await field(page, 'Email').fill(admin.email);
  await field(page, 'Password').fill(admin.password);
  await page.getByRole('button', { name: 'Create admin account' }).click();
  await page.waitForURL('**/datasets');
  await page.getByRole('button', { name: `Account menu for ${admin.name}` }).waitFor();
}

/** On Team › Invitations (admin): invites `email` as `role` (its label) and returns the one-time link. */
export async function inviteFromTeamPage(page: Page, email: string, role: string): Promise<string> {
  await page.goto('/team/invitations');
  await field(page, 'Email').fill(email);
  await choose(page, 'Role', role);
  await page.getByRole('button', { name: 'Invite', exact: true }).click();
  return readInvitationLink(page);
}

/** After an invite: reads the one-time link from the dialog that shows it, and closes the dialog. */
export async function readInvitationLink(page: Page): Promise<string> {
  const dialog = page.getByRole('dialog', { name: 'Invitation link' });
  await dialog.waitFor();
  const url = (await dialog.locator('[data-copy-value]').first().textContent()) ?? '';
  await dialog.getByRole('button', { name: 'Done' }).click();
  await dialog.waitFor({ state: 'hidden' });
  return url;
}

/** The invitee opens the link in their own browser, picks a name and password, and lands signed in. */
export async function acceptInvitation(person: TrackedContext, url: string, who: Person): Promise<void> {
  const { page } = person;
  await page.goto(url);
  await field(page, 'Your name').fill(who.name);
  await field(page, 'Password').fill(who.password);
  await field(page, 'Confirm password').fill(who.password);
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL('**/datasets');
  await page.getByRole('button', { name: `Account menu for ${who.name}` }).waitFor();
}

/** In the open key manager (own keys, or a user's page): generates a key named `nickname` and reads it once. */
export async function generateKeyInBrowser(
  page: Page,
  nickname: string,
  shot?: string,
): Promise<{ key: string; text: string }> {
  await page.getByRole('button', { name: 'Generate API key' }).click();
  const form = page.getByRole('dialog');
  await field(form, 'Key nickname').fill(nickname);
  await form.getByRole('button', { name: 'Generate', exact: true }).click();
  return readNewKey(page, shot);
}

/** Reads the key and the text of the one-time key dialog (after a picture named `shot`, if given) and closes it. */
export async function readNewKey(page: Page, shot?: string): Promise<{ key: string; text: string }> {
  const shown = page.getByRole('dialog', { name: 'Your new API key' });
  await shown.waitFor();
  const key = (await shown.locator('[data-copy-value]').first().textContent()) ?? '';
  const text = (await shown.textContent()) ?? '';
  if (shot) await screenshot(page, shot);
  await shown.getByRole('button', { name: 'I have copied the key' }).click();
  await shown.waitFor({ state: 'hidden' });
  return { key, text };
}

/** An API call from the signed-in page, with the session cookie and CSRF header the app itself sends. */
export async function callFromPage<T = unknown>(
  page: Page,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  return page.evaluate(
    async ({ method, path, body }) => {
      const csrf = /(?:^|; )teamset_csrf=([^;]*)/.exec(document.cookie)?.[1] ?? '';
      const response = await fetch(path, {
        method,
        headers: { 'content-type': 'application/json', 'x-csrf-token': decodeURIComponent(csrf) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: response.status, body: (await response.json().catch(() => null)) as T };
    },
    { method, path, body },
  );
}

/** Creates a dataset as the page's signed-in person; throws with the answer unless it was created. */
export async function createDatasetFromPage(
  page: Page,
  body: { name: string } & Record<string, unknown>,
): Promise<void> {
  const created = await callFromPage(page, 'POST', '/api/v1/datasets', body);
  if (created.status !== 201) throw new Error(`create ${body.name}: ${created.status} ${JSON.stringify(created.body)}`);
}

/** Adds `samples` to `dataset` as the page's signed-in person; throws with the answer unless they were added. */
export async function addSamplesFromPage(page: Page, dataset: string, samples: unknown[]): Promise<void> {
  const added = await callFromPage(page, 'POST', `/api/v1/datasets/${dataset}/samples`, { samples });
  if (added.status !== 201) throw new Error(`add to ${dataset}: ${added.status} ${JSON.stringify(added.body)}`);
}
