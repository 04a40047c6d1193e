// User groups in a real browser (Debian's Chromium) against a real `teamset serve`: an admin makes a group on Team › Groups,
// adds a collaborator, shares a dataset with the group on its Access tab, and the collaborator's access follows the group's grant.
import { NotFoundError, type ManagementClient } from '@teamset/sdk';
import type { CreatedApiKey } from '@teamset/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { choose, field, screenshot, skipBrowserSuite, toast, type TrackedContext } from './support/browser.js';
import {
  acceptInvitation,
  callFromPage,
  createDatasetFromPage,
  inviteFromTeamPage,
  setUpFirstAdmin,
} from './support/team-flows.js';
import { startWebSuite, type WebSuite } from './support/web-suite.js';

const ADMIN = { name: 'Ada Admin', email: 'ada@example.com', password: 'ada-admin-password' };
const COLLABORATOR = { name: 'Cora Collaborator', email: 'cora@example.com', password: 'cora-password-1' };
const DATASET = 'lidar-sweeps';
const GROUP = 'Annotators';

describe.skipIf(skipBrowserSuite())('user groups in Chromium against teamset serve', () => {
  let suite: WebSuite;
  let admin: TrackedContext;
  let cora: TrackedContext;
  let coraSdk: ManagementClient;

  beforeAll(async () => {
    suite = await startWebSuite();
    ({ admin } = suite);
    cora = await suite.newContext();
  }, 60_000);

  afterAll(() => suite?.stop());

  it('an admin sets up the server and invites a collaborator, who accepts and has a key for the SDK', async () => {
    await setUpFirstAdmin(admin.page, suite.server.setupToken, ADMIN);
    const url = await inviteFromTeamPage(admin.page, COLLABORATOR.email, 'Collaborator');
    await acceptInvitation(cora, url, COLLABORATOR);
    // Team (and so Team › Groups) is for admins: the collaborator has no link to it.
    expect(await cora.page.getByRole('link', { name: 'Team', exact: true }).count()).toBe(0);

    const created = await callFromPage<CreatedApiKey>(cora.page, 'POST', '/api/v1/keys', { name: 'cora-sdk' });
    expect(created.status).toBe(201);
    coraSdk = suite.sdk(created.body.key);
  }, 45_000);

  it('Team › Groups: create a group, add the collaborator by searching their name; a duplicate name is refused in a sentence', async () => {
    const { page } = admin;
    await page.goto('/team/users');
    await page.getByRole('tab', { name: 'Groups' }).click();
    await page.waitForURL('**/team/groups');
    await page.getByText('No groups yet.').waitFor();

    // The dialog is keyboard-operable: focus starts in Name, Escape closes it without creating anything.
    await page.getByRole('button', { name: 'New group' }).click();
    await page.getByRole('dialog', { name: 'New group' }).waitFor();
    expect(
      await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.labels?.[0]?.textContent),
    ).toMatch(/^Name/);
    await page.keyboard.press('Escape');
    await page.getByRole('dialog').waitFor({ state: 'hidden' });

    await page.getByRole('button', { name: 'New group' }).click();
    const dialog = page.getByRole('dialog', { name: 'New group' });
    await field(dialog, 'Name').fill(GROUP);
    await field(dialog, 'Description').fill('Labels frames');
    await dialog.getByRole('button', { name: 'Create group' }).click();
    await toast(page, `Group “${GROUP}” created`);
    await page.waitForURL('**/team/groups/*');
    await page.getByRole('heading', { name: GROUP, exact: true }).waitFor();
    await page.getByText('Nobody is in this group yet.').waitFor();

    await field(page, 'Description').fill('Labels the spring drives');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await toast(page, `Group “${GROUP}” saved`);
    expect(await page.getByRole('button', { name: 'Save changes' }).isDisabled()).toBe(true);

    await field(page, 'Add a member').first().fill('Cora');
    await page.getByRole('option', { name: new RegExp(COLLABORATOR.email) }).click();
    await page.getByRole('button', { name: 'Add member' }).click();
    await toast(page, `${COLLABORATOR.name} was added to ${GROUP}`);
    const members = page.getByRole('table', { name: `Members of ${GROUP}` });
    expect(await members.getByRole('row', { name: new RegExp(COLLABORATOR.email) }).textContent()).toContain(
      'Collaborator',
    );

    await page.getByRole('link', { name: 'Groups', exact: true }).click();
    await page.waitForURL('**/team/groups');
    await page.getByRole('button', { name: 'New group' }).click();
    await field(dialog, 'Name').fill('Reviewers');
    await field(dialog, 'Description').fill('Second opinions on hard frames');
    await dialog.getByRole('button', { name: 'Create group' }).click();
    await page.getByRole('heading', { name: 'Reviewers', exact: true }).waitFor();

    await page.getByRole('link', { name: 'Groups', exact: true }).click();
    await page.getByRole('button', { name: 'New group' }).click();
    await field(dialog, 'Name').fill(GROUP.toUpperCase());
    await dialog.getByRole('button', { name: 'Create group' }).click();
    await dialog.getByText(`A group named "${GROUP.toUpperCase()}" already exists`).waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });

    const groups = page.getByRole('table', { name: 'Groups' });
    expect(await groups.getByRole('row', { name: new RegExp(GROUP) }).textContent()).toMatch(
      /Labels the spring drives.*1/,
    );
    expect(await groups.getByRole('row', { name: /Reviewers/ }).textContent()).toMatch(
      /Second opinions on hard frames.*0/,
    );
    await screenshot(page, 'team-groups');
  }, 45_000);

  it('Manage › Access › Groups: EDIT for the group lets the collaborator edit, VIEW makes it read-only, removing it hides the dataset', async () => {
    const { page } = admin;
    await createDatasetFromPage(page, { name: DATASET, mediaType: 'point-cloud' });
    await cora.page.goto('/datasets');
    await cora.page.getByText('No datasets have been shared with you yet.').waitFor();
    await expect(coraSdk.getDatasetRecord(DATASET)).rejects.toBeInstanceOf(NotFoundError);

    await page.goto(`/datasets/${DATASET}/manage`);
    await page.getByText('No group has access to this dataset.').waitFor();
    await field(page, 'Add a group').first().fill('ann');
    await page.getByRole('option', { name: GROUP, exact: true }).click();
    await choose(page, 'Group permission', 'Edit');
    await page.getByRole('button', { name: 'Add group', exact: true }).click();
    await toast(page, `Group ${GROUP} now has edit access`);
    expect(await field(page, `Access of group ${GROUP}`).first().inputValue()).toBe('Edit');
    // The People list says where the collaborator's access comes from.
    const coraRow = page
      .getByRole('table', { name: 'People with access' })
      .getByRole('row', { name: new RegExp(COLLABORATOR.email) });
    await coraRow.getByText(`through group ${GROUP}`).waitFor();

    await cora.page.reload();
    await cora.page.getByRole('link', { name: DATASET }).click();
    await cora.page.getByRole('tab', { name: 'Manage' }).click();
    await field(cora.page, 'Description').fill('Checked by Cora');
    await cora.page.getByRole('button', { name: 'Save changes' }).click();
    await toast(cora.page, 'Dataset saved');
    expect(await coraSdk.getDatasetRecord(DATASET)).toMatchObject({
      description: 'Checked by Cora',
      permission: 'EDIT',
    });

    await choose(page, `Access of group ${GROUP}`, 'View');
    await toast(page, `Group ${GROUP} now has view access`);
    await cora.page.reload();
    await cora.page.getByRole('button', { name: 'Save changes' }).waitFor({ state: 'detached' });
    // Read-only Basic info is plain text with the reason, not a greyed form.
    await cora.page.getByText('Changing these needs Edit permission').waitFor();
    expect(await field(cora.page, 'Description').count()).toBe(0);
    expect((await coraSdk.getDatasetRecord(DATASET)).permission).toBe('VIEW');

    await page.getByRole('button', { name: `Remove group ${GROUP}` }).click();
    const confirm = page.getByRole('dialog', { name: 'Remove group access?' });
    expect(await confirm.textContent()).toContain(`The members of ${GROUP} lose the access`);
    await confirm.getByRole('button', { name: 'Remove', exact: true }).click();
    await toast(page, `The grant to group ${GROUP} was removed`);
    await page.getByText('No group has access to this dataset.').waitFor();
    await cora.page.reload();
    await cora.page.getByText('Dataset not found').waitFor();
    await expect(coraSdk.getDatasetRecord(DATASET)).rejects.toBeInstanceOf(NotFoundError);
  }, 45_000);

  it('the group page lists its datasets; deleting the group asks first and takes its members’ access away', async () => {
    const { page } = admin;
    await page.goto(`/datasets/${DATASET}/manage`);
    await field(page, 'Add a group').first().fill(GROUP);
    await page.getByRole('button', { name: 'Add group', exact: true }).click();
    await toast(page, `Group ${GROUP} now has view access`);
    expect((await coraSdk.getDatasetRecord(DATASET)).permission).toBe('VIEW');

    await page.getByRole('link', { name: GROUP, exact: true }).click();
    await page.getByRole('heading', { name: GROUP, exact: true }).waitFor();
    await page
      .getByRole('table', { name: `Datasets shared with ${GROUP}` })
      .getByRole('row', { name: new RegExp(DATASET) })
      .waitFor();

    await page.getByRole('button', { name: 'Delete group' }).click();
    const confirm = page.getByRole('dialog', { name: 'Delete group?' });
    expect(await confirm.textContent()).toContain('Its member loses the access it gave at once');
    // Nothing is deleted until the group's name is typed out.
    const deleteButton = confirm.getByRole('button', { name: 'Delete group' });
    expect(await deleteButton.isDisabled()).toBe(true);
    await field(page, 'Group name').fill(`${GROUP} `);
    expect(await deleteButton.isDisabled()).toBe(true);
    await field(page, 'Group name').fill(GROUP);
    await deleteButton.click();
    await toast(page, `Group “${GROUP}” deleted`);
    await page.waitForURL('**/team/groups');
    await page
      .getByRole('table', { name: 'Groups' })
      .getByRole('row', { name: /Reviewers/ })
      .waitFor();
    expect(await page.getByRole('link', { name: GROUP, exact: true }).count()).toBe(0);
    await expect(coraSdk.getDatasetRecord(DATASET)).rejects.toBeInstanceOf(NotFoundError);
  }, 45_000);

  it('no page error or console error in either browser along the way', () => {
    expect([...admin.problems, ...cora.problems]).toEqual([]);
  });
});
