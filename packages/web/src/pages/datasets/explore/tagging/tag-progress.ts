// Runs one tag or untag request while polling its progress, so a whole view of 100k+ samples shows how far it has come.
import type { TagBody, TagProgressResult } from '@teamset/contract';
import { tagsApi } from '../../../../api/tags-api';

/** How often the App asks how far the request has come. */
const POLL_MS = 400;

/** A random token for the request (crypto.randomUUID needs a secure context; a LAN http:// App has none). */
export function progressToken(): string {
  const bytes = new Uint8Array(12);
  crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** "Finding the samples…" / "Tagging 20,000 of 120,000 samples" */
export function describeProgress(verb: 'Tagging' | 'Untagging', progress: TagProgressResult | undefined): string {
  if (!progress || progress.state === 'unknown' || progress.total === 0) return 'Finding the samples…';
  return `${verb} ${progress.done.toLocaleString('en-US')} of ${progress.total.toLocaleString('en-US')} samples`;
}

/** Sends the one request and reports progress until it answers; resolves with the samples changed. */
export async function runTagging(
  dataset: string,
  add: boolean,
  body: Omit<TagBody, 'progress'>,
  onProgress: (progress: TagProgressResult) => void,
): Promise<number> {
  const token = progressToken();
  let answered = false;
  const request = (add ? tagsApi.tag : tagsApi.untag)(dataset, { ...body, progress: token }).finally(() => {
    answered = true;
  });
  const poll = async () => {
    while (!answered) {
      await new Promise((resolve) => setTimeout(resolve, POLL_MS));
      if (answered) break;
      // A lost poll only delays the bar; the request itself decides the outcome.
      const progress = await tagsApi.progress(dataset, token).catch(() => undefined);
      if (progress && !answered) onProgress(progress);
    }
  };
  void poll();
  return (await request).updated;
}
