// Iterates a view's samples by keyset pages, fetching the next page while the caller works through the current one.
import type { Sample, SamplePage } from '@teamset/contract';

export type FetchPage = (after: string | undefined) => Promise<SamplePage>;

/**
 * Yields every sample of the pages `fetchPage` returns, following `nextCursor`. Page k+1 is requested as soon
 * as page k arrives, so the request overlaps the caller's work; at most two pages are held at once.
 */
export async function* iterateSamplePages(fetchPage: FetchPage): AsyncGenerator<Sample, void, undefined> {
  let pending: Promise<SamplePage> | undefined = fetchPage(undefined);
  try {
    while (pending) {
      const page: SamplePage = await pending;
      pending = page.nextCursor === null ? undefined : fetchPage(page.nextCursor);
      yield* page.samples;
    }
  } finally {
    // The caller stopped early (break, throw): nobody will await the prefetch, so keep its failure quiet.
    pending?.catch(() => undefined);
  }
}
