// What a browser suite starts from: a real `teamset serve`, Chromium with a context per person, the first admin signed
// in if asked, a media folder if asked; one stop() takes it all down again.
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ManagementClient } from '@teamset/sdk';
import type { Browser } from 'playwright-core';
import { launchBrowser, newTrackedContext, type TrackedContext } from './browser.js';
import { setUpFirstAdmin, type Person } from './team-flows.js';
import { startTeamset, type TeamsetProcess } from './teamset-process.js';

export interface WebSuiteOptions {
  /** Made the first admin through first-run setup, signed in on `admin`; leave out where a test does setup itself. */
  firstAdmin?: Person;
  /** For every context; `bypassCSP` lets a test inject axe-core past the App's Content-Security-Policy. */
  context?: { bypassCSP?: boolean };
  /**
   * A temporary media folder, made before the server starts: `prefix` names it; `serverRoot` also gives it to the
   * server itself (TEAMSET_MEDIA_ROOTS), which Settings shows as a root no one can remove.
   */
  media?: { prefix: string; serverRoot?: boolean };
}

export interface WebSuite {
  server: TeamsetProcess;
  browser: Browser;
  /** The first context: the admin's (signed in when `firstAdmin` was given). */
  admin: TrackedContext;
  /** Another person's browser on this server (its own cookies), signed out: for the people a suite invites. */
  newContext(): Promise<TrackedContext>;
  /** The media folder's real path ('' without the `media` option). */
  media: string;
  /** A client for this server with `apiKey`, trying once so that a refusal shows at once. */
  sdk(apiKey: string): ManagementClient;
  /** Closes the browser, stops the server and removes the media folder; safe to call after a failed start. */
  stop(): Promise<void>;
}

/** A new folder under the system's temp folder, as its real path (what the server compares media paths against). */
export function tempFolder(prefix: string): string {
  return realpathSync(mkdtempSync(join(tmpdir(), prefix)));
}

export async function startWebSuite(options: WebSuiteOptions = {}): Promise<WebSuite> {
  // Undone last-made first, also when a later step fails, so a failed start leaves no server or folder behind.
  const undo: Array<() => Promise<void> | void> = [];
  const stop = async (): Promise<void> => {
    for (const step of undo.splice(0).reverse()) await step();
  };
  try {
    const media = options.media ? tempFolder(options.media.prefix) : '';
    if (media) undo.push(() => rmSync(media, { recursive: true, force: true }));
    const server = await startTeamset({ env: options.media?.serverRoot ? { TEAMSET_MEDIA_ROOTS: media } : {} });
    undo.push(() => server.stop());
    const browser = await launchBrowser();
    undo.push(() => browser.close());
    const newContext = (): Promise<TrackedContext> => newTrackedContext(browser, server.url, options.context);
    const admin = await newContext();
    if (options.firstAdmin) await setUpFirstAdmin(admin.page, server.setupToken, options.firstAdmin);
    const sdk = (apiKey: string): ManagementClient =>
      new ManagementClient({ apiUri: server.url, apiKey, maxAttempts: 1 });
    return { server, browser, admin, newContext, media, sdk, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
