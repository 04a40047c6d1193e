// Tag requests that report progress: the one request names a random token, and the progress route is polled until it answers.
import type { TagBody } from '@teamset/contract';
import type { DatasetBackend } from './dataset-backend.js';

export interface TagOptions {
  /** Called as the server writes (done of total samples; total 0 while it reads the view), and once more at the end. */
  onProgress?: (progress: { done: number; total: number }) => void;
  /** How often to ask, in ms (default 500). */
  pollMs?: number;
}

function token(): string {
  const bytes = new Uint8Array(12);
  globalThis.crypto.getRandomValues(bytes);
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Adds (`add`) or removes the tags; returns the samples changed. Without onProgress, just the one request. */
export async function retag(
  backend: DatasetBackend,
  dataset: string,
  add: boolean,
  body: Omit<TagBody, 'progress'>,
  options: TagOptions = {},
): Promise<number> {
  const send = (full: TagBody) => (add ? backend.tag(dataset, full) : backend.untag(dataset, full));
  const { onProgress } = options;
  if (!onProgress) return (await send(body)).updated;
  const name = token();
  let answered = false;
  const request = send({ ...body, progress: name }).finally(() => {
    answered = true;
  });
  const poll = async () => {
    while (!answered) {
      await new Promise((resolve) => setTimeout(resolve, options.pollMs ?? 500));
      if (answered) return;
      // A lost poll only skips one report; the request decides the outcome.
      const progress = await backend.tagProgress(dataset, name).catch(() => undefined);
      if (progress && progress.state !== 'unknown' && !answered) onProgress(progress);
    }
  };
  const polling = poll();
  const { updated } = await request;
  await polling;
  const last = await backend.tagProgress(dataset, name).catch(() => undefined);
  if (last && last.state === 'finished') onProgress({ done: last.done, total: last.total });
  return updated;
}
