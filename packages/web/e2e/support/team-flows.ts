// Browser steps many suites start with: first-run setup, inviting someone from Team › Invitations, accepting in their browser.
import type { Page } from 'playwright-core';
import { choose, field, type TrackedContext } from './browser.js';

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
