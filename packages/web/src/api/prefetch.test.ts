// The prefetch cache: a prefetched read answers the first identical request once; a failed one is asked again.
import { describe, expect, it } from 'vitest';
import { peekOrPrefetch, prefetch, isPrefetching, requestKey, takePrefetched } from './prefetch';

describe('prefetch', () => {
  it('keeps one answer per request key, for the first identical request only', async () => {
    const key = requestKey('POST', '/api/x', { view: { stages: [] }, limit: 50 });
    let sent = 0;
    const send = () => {
      sent++;
      return Promise.resolve('answer');
    };
    const first = peekOrPrefetch(key, send);
    // A second prefetch of the same request (the page's first render, after the first load) asks no more.
    expect(peekOrPrefetch(key, send)).toBe(first);
    expect(sent).toBe(1);
    expect(await takePrefetched(key)).toBe('answer');
    expect(takePrefetched(key)).toBeUndefined();
    expect(takePrefetched(requestKey('POST', '/api/x', { view: { stages: [] }, limit: 100 }))).toBeUndefined();
  });

  it('forgets a failed prefetch, so the real request asks the server itself', async () => {
    const key = requestKey('GET', '/api/y', undefined);
    const failed = peekOrPrefetch(key, () => Promise.reject(new Error('401')));
    await expect(failed).rejects.toThrow('401');
    expect(takePrefetched(key)).toBeUndefined();
  });

  it('marks only the requests made inside prefetch()', () => {
    const seen: boolean[] = [];
    prefetch(() => seen.push(isPrefetching()));
    seen.push(isPrefetching());
    expect(seen).toEqual([true, false]);
  });
});
