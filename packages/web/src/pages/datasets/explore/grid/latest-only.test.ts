// A stale page never lands in a newer view: answers of older generations are dropped, whatever order they arrive in.
import { describe, expect, it } from 'vitest';
import { LatestOnly } from './latest-only';

function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('LatestOnly', () => {
  it('drops the answer for the old view when it arrives after the new view started', async () => {
    const latest = new LatestOnly();
    const oldView = deferred<string>();
    const newView = deferred<string>();
    const first = latest.settle(latest.next(), oldView.promise);
    const second = latest.settle(latest.next(), newView.promise);
    newView.resolve('cats page');
    oldView.resolve('dogs page');
    expect(await second).toEqual({ fresh: true, value: 'cats page' });
    expect(await first).toEqual({ fresh: false });
  });

  it('an old request failing after the new view started is dropped too; a current one throws', async () => {
    const latest = new LatestOnly();
    const old = deferred<string>();
    const stale = latest.settle(latest.next(), old.promise);
    const generation = latest.next();
    old.reject(new Error('gone'));
    expect(await stale).toEqual({ fresh: false });
    await expect(latest.settle(generation, Promise.reject(new Error('offline')))).rejects.toThrow('offline');
    expect(latest.current).toBe(generation);
  });
});
