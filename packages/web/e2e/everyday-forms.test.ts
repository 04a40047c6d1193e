// The App's everyday forms in a real browser (Debian's Chromium) against a real `teamset serve`: invitations that ask
// before replacing, the invitation page that checks its link, errors in plain words, the user picker, and the smaller
// fixes (server media root, read-only basic info, admin rows, the one-time key dialog, breadcrumbs, new group members).
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, field, screenshot, skipBrowserSuite, toast, type TrackedContext } from './support/browser.js';
import { acceptInvitation, callFromPage, createDatasetFromPage, readInvitationLink } from './support/team-flows.js';
import { startWebSuite, type WebSuite } from './support/web-suite.js';

const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'ada-admin-password' };
const NEWHIRE = { name: 'Nina Newhire', email: 'newhire@example.com', password: 'nina-password-1' };
const DATASET = 'everyday-forms';
/** Texts that must never reach a person: schema paths, patterns, ids. */
const LEAKS = [/body\.\w+/, /must match pattern/, /\^\[/, /with that id/, /Media root \d+:/];

async function expectNoLeaks(page: Page): Promise<void> {
  const text = await page.locator('body').innerText();
  for (const leak of LEAKS) expect(text).not.toMatch(leak);
}

describe.skipIf(skipBrowserSuite())('everyday forms in Chromium against teamset serve', () => {
  let suite: WebSuite;
  let admin: TrackedContext;
  let nina: TrackedContext;
  let stranger: TrackedContext;
  let firstLink = '';
  let secondLink = '';

  beforeAll(async () => {
    suite = await startWebSuite({
      firstAdmin: ADMIN,
      // A media root given to the server itself, which Settings shows as "Server" and cannot remove.
      media: { prefix: 'teamset-e2e-server-root-', serverRoot: true },
    });
    ({ admin } = suite);
    nina = await suite.newContext();
    stranger = await suite.newContext();
  }, 60_000);

  afterAll(() => suite?.stop());

  it('the invite form checks the email in the browser and says so in a sentence; nothing is sent', async () => {
    const { page } = admin;
    await page.goto('/team/invitations');
    await field(page, 'Email').fill('not-an-email');
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    await page.getByText('Enter a valid email address, like name@example.com.').waitFor();
    await expectNoLeaks(page);
    await page.getByText('No invitations are waiting to be accepted.').waitFor();
  }, 30_000);

  it('re-inviting a pending email presets its role and asks (naming role and date) before replacing it', async () => {
    const { page } = admin;
    await field(page, 'Email').fill(NEWHIRE.email);
    await choose(page, 'Role', 'Member');
    await page.getByRole('button', { name: 'Invite', exact: true }).click();
    firstLink = await readInvitationLink(page);
    await toast(page, `Invitation for ${NEWHIRE.email} created`);
    await page.getByRole('row', { name: new RegExp(NEWHIRE.email) }).waitFor();

    // Typing the same email again: the role follows the pending invitation instead of the default (Guest).
    await field(page, 'Email').fill(NEWHIRE.email.toUpperCase());
    expect(await field(page, 'Role').first().inputValue()).toBe('Member');
    await page.getByText(`${NEWHIRE.email} already has a pending Member invitation, sent`).waitFor();
    await page.getByRole('button', { name: 'Invite again' }).click();
    const confirm = page.getByRole('dialog', { name: 'Replace the pending invitation?' });
    await confirm.waitFor();
    const said = (await confirm.textContent()) ?? '';
    expect(said).toContain('pending Member invitation');
    expect(said).toMatch(/sent \w{3} \d{1,2}, \d{4}/);
    expect(said).toContain('the link already sent stops working');
    await screenshot(page, 'invitation-replace-confirm');
    // Cancel changes nothing.
    await confirm.getByRole('button', { name: 'Cancel' }).click();
    await confirm.waitFor({ state: 'hidden' });
    await page.getByRole('button', { name: 'Invite again' }).click();
    await confirm.getByRole('button', { name: 'Replace invitation' }).click();
    secondLink = await readInvitationLink(page);
    await toast(page, `Invitation for ${NEWHIRE.email} replaced`);
    expect(secondLink).not.toBe(firstLink);
    const pending = await callFromPage<{ invitations: Array<{ email: string; role: string }> }>(
      page,
      'GET',
      '/api/v1/invitations',
    );
    expect(pending.body.invitations).toEqual([expect.objectContaining({ email: NEWHIRE.email, role: 'MEMBER' })]);
  }, 45_000);

  it('the invitation page checks its link on load: a replaced link says it no longer works; the new one names email and role', async () => {
    await stranger.page.goto('/accept-invitation?token=made-up-token');
    await stranger.page.getByText('This invitation link no longer works').waitFor();
    await stranger.page.goto(firstLink);
    await stranger.page.getByText('This invitation link no longer works').waitFor();
    expect(await stranger.page.getByRole('button', { name: 'Create account' }).count()).toBe(0);

    const { page } = nina;
    await page.goto(secondLink);
    await page.getByText(`Joining as ${NEWHIRE.email}, role Member`).waitFor();
    await screenshot(page, 'accept-invitation');
    await acceptInvitation(nina, secondLink, NEWHIRE);
  }, 45_000);

  it('Manage › Access "Add a person": free text never becomes an id; no match says so; a person is found by name', async () => {
    const { page } = admin;
    await createDatasetFromPage(page, { name: DATASET });
    await page.goto(`/datasets/${DATASET}/manage`);
    // .first(): the picker's suggestion list carries the same label.
    const person = field(page, 'Add a person').first();
    await person.fill('not-an-email');
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await page
      .getByText('Enter a valid email address, like name@example.com. Or pick someone from the list.')
      .waitFor();
    await expectNoLeaks(page);

    await person.fill('nobody@example.com');
    await page.getByText('No user with that email. Add invites them').waitFor();

    await person.fill('Nina');
    await page.getByRole('option', { name: new RegExp(NEWHIRE.email) }).click();
    expect(await person.inputValue()).toBe(NEWHIRE.email);
    await page.getByRole('button', { name: 'Add', exact: true }).click();
    await toast(page, `${NEWHIRE.name} now has view access`);
    await page.getByLabel(`Access of ${NEWHIRE.email}`).first().waitFor();

    // The admin's own row (the creator's Manage grant) offers no Remove: admins have full access anyway.
    expect(await page.getByRole('button', { name: `Remove ${ADMIN.email}` }).count()).toBe(0);
    await page.getByText('Admins always have full access').waitFor();
    await page.getByRole('button', { name: `Remove ${NEWHIRE.email}` }).waitFor();
    await screenshot(page.getByRole('region', { name: 'Access' }), 'dataset-access-picker');
  }, 45_000);

  it('read-only Basic info is text with the reason, not a greyed form with a required mark', async () => {
    const { page } = nina;
    await page.goto(`/datasets/${DATASET}/manage`);
    await page.getByText('Changing these needs Edit permission').waitFor();
    expect(await page.getByRole('textbox', { name: /Name|Description/ }).count()).toBe(0);
    expect(await page.getByText(DATASET, { exact: true }).count()).toBeGreaterThan(0);
    expect(await page.locator('.mantine-InputWrapper-required').count()).toBe(0);
  }, 30_000);

  it('Media roots: the server root reads "Server" with the reason in words; a bad path is one plain sentence', async () => {
    const { page } = admin;
    await page.goto('/settings/organization');
    const section = page.getByRole('region', { name: 'Media roots' });
    const badge = section.getByText('Server', { exact: true });
    await badge.waitFor();
    expect((await badge.boundingBox())?.width ?? 0).toBeGreaterThan(30);
    await section.getByText('so it cannot be removed here').waitFor();
    await field(section, 'Add a media root').fill('images/street');
    await section.getByRole('button', { name: 'Add root' }).click();
    await section.getByText('“images/street” is not an absolute path').waitFor();
    // A full path that does not exist: the server's sentence, without "Media root 2:" for the one path typed.
    await field(section, 'Add a media root').fill('/no/such/teamset/dir');
    await section.getByRole('button', { name: 'Add root' }).click();
    await section.getByText('“/no/such/teamset/dir” does not exist').waitFor();
    await expectNoLeaks(page);
    await screenshot(section, 'media-roots-server');
  }, 30_000);

  it('the one-time key dialog asks before closing on Escape or ×: "You will not see this key again"', async () => {
    const { page } = admin;
    await page.goto('/settings/api-keys');
    await page.getByRole('button', { name: 'Generate API key' }).click();
    const form = page.getByRole('dialog');
    await field(form, 'Key nickname').fill('laptop');
    await form.getByRole('button', { name: 'Generate', exact: true }).click();
    const shown = page.getByRole('dialog', { name: 'Your new API key' });
    await shown.waitFor();

    await page.keyboard.press('Escape');
    await shown.getByText('You will not see this key again').waitFor();
    expect(await shown.isVisible()).toBe(true);
    await shown.getByRole('button', { name: 'Keep it open' }).click();
    await shown.getByText('You will not see this key again').waitFor({ state: 'hidden' });

    await shown.locator('.mantine-Modal-close').click();
    await shown.getByText('You will not see this key again').waitFor();
    await screenshot(page, 'key-dialog-close-confirm');
    await shown.getByRole('button', { name: 'Close anyway' }).click();
    await shown.waitFor({ state: 'hidden' });
  }, 30_000);

  it('a user’s page has Team › Users in its breadcrumb', async () => {
    const { page } = admin;
    await page.goto('/team/users');
    await page.getByRole('link', { name: NEWHIRE.name, exact: true }).click();
    await page.getByRole('heading', { name: NEWHIRE.name, exact: true }).waitFor();
    const crumbs = page.locator('.mantine-Breadcrumbs-root');
    expect(await crumbs.innerText()).toMatch(/Team\s*\/?\s*Users\s*\/?\s*Nina Newhire/);
    await crumbs.getByRole('link', { name: 'Users' }).click();
    await page.waitForURL('**/team/users');
  }, 30_000);

  it('a new group takes members at creation', async () => {
    const { page } = admin;
    await page.goto('/team/groups');
    await page.getByRole('button', { name: 'New group' }).click();
    const dialog = page.getByRole('dialog', { name: 'New group' });
    await field(dialog, 'Name').fill('Reviewers');
    const members = field(dialog, 'Members').first();
    await members.fill('zzz-nobody@example.com');
    await dialog.getByText('No user with that email. Invite them on the Invitations tab first.').waitFor();
    await members.fill('Nina');
    await page.getByRole('option', { name: new RegExp(NEWHIRE.email) }).click();
    await dialog.getByText(NEWHIRE.name).waitFor();
    await dialog.getByRole('button', { name: 'Create group' }).click();
    await toast(page, 'Group “Reviewers” created');
    await page.waitForURL('**/team/groups/*');
    await page.getByRole('row', { name: new RegExp(NEWHIRE.email) }).waitFor();
    // Free text is checked in the browser, never sent as a user id.
    await field(page, 'Add a member').first().fill('not-an-email');
    await page.getByRole('button', { name: 'Add member' }).click();
    await page
      .getByText('Enter a valid email address, like name@example.com. Or pick someone from the list.')
      .waitFor();
    await expectNoLeaks(page);
  }, 30_000);

  it('no page error or console error in any browser along the way', () => {
    expect([...admin.problems, ...nina.problems, ...stranger.problems]).toEqual([]);
  });
});
